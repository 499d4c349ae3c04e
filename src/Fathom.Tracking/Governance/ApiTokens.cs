using System.Security.Cryptography;
using System.Text;

namespace Fathom.Tracking.Governance;

/// <summary>
/// API tokens look like <c>fathom_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the stored record, the 256-bit secret is
/// checked against its SHA-256. A random secret of that size needs no slow KDF; the plain token is shown once.
/// </summary>
public static class ApiTokens
{
    private const string Prefix = "fathom_";

    /// <summary>A new token: the text to hand to the user once, and its id and secret hash to store.</summary>
    public static (string Token, string TokenId, string SecretHash) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Prefix}{id}_{secret}", id, HashSecret(secret));
    }

    /// <summary>Splits a presented token into id and secret; false when it is not one of ours.</summary>
    public static bool TryParse(string token, out string tokenId, out string secret)
    {
        tokenId = secret = "";
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != 16 || rest.Length <= separator + 1)
        {
            return false;
        }

        tokenId = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    public static bool Verify(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashSecret(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
