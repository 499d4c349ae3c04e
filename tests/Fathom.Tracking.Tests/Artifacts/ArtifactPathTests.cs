using Fathom.Core.Errors;
using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

public sealed class ArtifactPathTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData(".", "")]
    [InlineData("model.pkl", "model.pkl")]
    [InlineData("a//b/./c.txt", "a/b/c.txt")]
    [InlineData("dir/", "dir")]
    [InlineData("my%20model/data.csv", "my model/data.csv")]
    [InlineData("..hidden/file..txt", "..hidden/file..txt")]
    [InlineData("résumé/数据.txt", "résumé/数据.txt")]
    public void Normalize_returns_the_canonical_relative_path(string? raw, string expected) =>
        Assert.Equal(expected, ArtifactPath.Normalize(raw));

    [Theory]
    [MemberData(nameof(ArtifactRepositoryConformance.TraversalPaths), MemberType = typeof(ArtifactRepositoryConformance))]
    [InlineData("a/%252E%252E/%252E%252E/x")]
    [InlineData("a\u007fb")]
    [InlineData("D:relative")]
    public void Normalize_refuses_unsafe_paths_with_INVALID_PARAMETER_VALUE(string raw)
    {
        var error = Assert.Throws<FathomException>(() => ArtifactPath.Normalize(raw));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.StartsWith("Invalid path", error.Message);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Fact]
    public void Normalize_refuses_a_path_still_encoded_after_ten_rounds()
    {
        var raw = "x";
        for (var i = 0; i < 11; i++) raw = Uri.EscapeDataString(raw + "%");
        Assert.Throws<FathomException>(() => ArtifactPath.Normalize(raw));
    }

    [Fact]
    public void Normalize_is_idempotent_so_layers_may_each_validate()
    {
        var once = ArtifactPath.Normalize("a%2520b//c");
        Assert.Equal(once, ArtifactPath.Normalize(once));
    }

    [Fact]
    public void NormalizeNonRoot_refuses_the_root()
    {
        Assert.Throws<FathomException>(() => ArtifactPath.NormalizeNonRoot("./"));
    }
}
