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
/// <see cref="FathomServerOptions.CredentialCacheSeconds"/> under its SHA-256 (never the header itself); a change to a
/// user or a token on this server forgets that user's or token's entries at once. Failures are never cached.
/// </summary>
internal sealed class Authenticator(IAuthStore auth, IOptions<FathomServerOptions> options, TimeProvider time)
{
    public const string UnauthenticatedMessage = "You are not authenticated. Please see " +
        "https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.";

    private const int MaxCachedCredentials = 10_000;
    private readonly ConcurrentDictionary<string, Verified> _verified = new();

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

        var (caller, tokenId) = header.Scheme.ToUpperInvariant() switch
        {
            "BASIC" => (await BasicAsync(header.Parameter, ct), null),
            "BEARER" => await BearerAsync(header.Parameter, ct),
            _ => (null, null),
        };
        if (caller is null)
        {
            throw Unauthenticated();
        }

        if (_verified.Count >= MaxCachedCredentials)
        {
            _verified.Clear();
        }

        _verified[key] = new Verified(caller, tokenId, now + (long)(options.Value.CredentialCacheSeconds * time.TimestampFrequency));
        return caller;
    }

    /// <summary>Forgets a user's verified credentials (Basic and tokens): their password, admin flag or existence changed.</summary>
    public void ForgetUser(string username) => Forget(v => v.Caller.Username == username);

    /// <summary>Forgets a revoked token.</summary>
    public void ForgetToken(string tokenId) => Forget(v => v.TokenId == tokenId);

    private void Forget(Func<Verified, bool> match)
    {
        foreach (var (key, verified) in _verified)
        {
            if (match(verified))
            {
                _verified.TryRemove(key, out _);
            }
        }
    }

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

    private async Task<(Caller?, string?)> BearerAsync(string token, CancellationToken ct)
    {
        if (!ApiTokens.TryParse(token, out var tokenId, out var secret)
            || await auth.FindTokenAsync(tokenId, ct) is not { RevokedTime: null } stored
            || !ApiTokens.Verify(secret, stored.SecretHash)
            || await auth.FindUserAsync(stored.Username, ct) is not { } user)
        {
            return (null, null);
        }

        return (new Caller(user.Id, user.Username, user.IsAdmin), tokenId);
    }

    private sealed record Verified(Caller Caller, string? TokenId, long ExpiresAt);
}
