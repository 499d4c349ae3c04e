using Fathom.Core.Errors;
using Fathom.Tracking.Governance;

namespace Fathom.Tracking.Tests.Governance;

public sealed class CredentialHashingTests
{
    [Fact]
    public void Password_hashes_use_PBKDF2_SHA256_with_600k_iterations_and_a_fresh_salt()
    {
        var first = PasswordHasher.Hash("correct horse");
        var second = PasswordHasher.Hash("correct horse");
        Assert.StartsWith("pbkdf2-sha256$600000$", first);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("correct horse", first);
        Assert.True(PasswordHasher.Verify("correct horse", first));
        Assert.False(PasswordHasher.Verify("correct hors", first));
    }

    [Fact]
    public void A_malformed_stored_hash_never_verifies()
    {
        Assert.False(PasswordHasher.Verify("anything", "plain-text"));
        Assert.False(PasswordHasher.Verify("anything", "pbkdf2-sha256$x$y$z"));
    }

    [Fact]
    public void A_short_password_is_rejected_without_repeating_it()
    {
        var error = Assert.Throws<FathomException>(() => PasswordHasher.Hash("abc12"));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.DoesNotContain("abc12", error.Message);
    }

    [Fact]
    public void Api_tokens_parse_back_to_their_id_and_verify_against_the_stored_hash_only()
    {
        var (token, id, hash) = ApiTokens.Create();
        Assert.True(ApiTokens.TryParse(token, out var parsedId, out var secret));
        Assert.Equal(id, parsedId);
        Assert.DoesNotContain(secret, hash);
        Assert.True(ApiTokens.Verify(secret, hash));
        Assert.False(ApiTokens.Verify(secret + "x", hash));
        Assert.False(ApiTokens.TryParse("Basic abc", out _, out _));
    }
}
