using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Fathom.Core.Errors;
using Fathom.Tracking.Governance;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Governance;

/// <summary>
/// Turns an Authorization header (HTTP Basic user:password, or Bearer API token) into a <see cref="Caller"/>.
/// A PBKDF2 check costs hundreds of milliseconds by design, so a verified header is remembered for
/// <see cref="FathomServerOptions.CredentialCacheSeconds"/> under its SHA-256 (never the header itself); any change to
/// users or tokens on this server clears the cache. Failures are never cached.
/// </summary>
internal sealed class Authenticator(IAuthStore auth, IOptions<FathomServerOptions> options, TimeProvider time)
{
    public const string UnauthenticatedMessage = "You are not authenticated. Please see " +
        "https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.";

    private const int MaxCachedCredentials = 10_000;
    private readonly ConcurrentDictionary<string, (Caller Caller, long ExpiresAt)> _verified = new();

    // Verified when the user does not exist, so that an unknown name costs as much as a wrong password.
    private readonly Lazy<string> _decoyHash = new(() => PasswordHasher.Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    public async Task<Caller> AuthenticateAsync(string? authorization, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(authorization) || !AuthenticationHeaderValue.TryParse(authorization, out var header) || header.Parameter is null)
        {
            throw Unauthenticated();
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
        var now = time.GetTimestamp();
        if (_verified.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Caller;
        }

        var caller = header.Scheme.ToUpperInvariant() switch
        {
            "BASIC" => await BasicAsync(header.Parameter, ct),
            "BEARER" => await BearerAsync(header.Parameter, ct),
            _ => null,
        } ?? throw Unauthenticated();

        if (_verified.Count >= MaxCachedCredentials)
        {
            _verified.Clear();
        }

        _verified[key] = (caller, now + (long)(options.Value.CredentialCacheSeconds * time.TimestampFrequency));
        return caller;
    }

    /// <summary>Forgets every verified credential: a password, admin flag, user or token changed.</summary>
    public void Invalidate() => _verified.Clear();

    public static FathomException Unauthenticated() => new(ErrorCode.UNAUTHENTICATED, UnauthenticatedMessage);

    private async Task<Caller?> BasicAsync(string parameter, CancellationToken ct)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':');
        if (colon < 1)
        {
            return null;
        }

        var user = await auth.FindUserAsync(decoded[..colon], ct);
        var verified = PasswordHasher.Verify(decoded[(colon + 1)..], user?.PasswordHash ?? _decoyHash.Value);
        return verified && user is not null ? new Caller(user.Id, user.Username, user.IsAdmin) : null;
    }

    private async Task<Caller?> BearerAsync(string token, CancellationToken ct)
    {
        if (!ApiTokens.TryParse(token, out var tokenId, out var secret)
            || await auth.FindTokenAsync(tokenId, ct) is not { RevokedTime: null } stored
            || !ApiTokens.Verify(secret, stored.SecretHash)
            || await auth.FindUserAsync(stored.Username, ct) is not { } user)
        {
            return null;
        }

        return new Caller(user.Id, user.Username, user.IsAdmin);
    }
}
