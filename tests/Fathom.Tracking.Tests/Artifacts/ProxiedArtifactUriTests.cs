using Fathom.Core.Errors;
using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

public sealed class ProxiedArtifactUriTests
{
    [Theory]
    [InlineData("mlflow-artifacts:/1/abc/artifacts", "1/abc/artifacts")]
    [InlineData("mlflow-artifacts:/", "")]
    [InlineData("mlflow-artifacts://tracking.example:5000/7/r1/artifacts", "7/r1/artifacts")]
    [InlineData("http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/2/r/artifacts", "2/r/artifacts")]
    public void A_proxied_uri_maps_onto_a_path_in_the_artifacts_destination(string uri, string expected)
    {
        Assert.True(ProxiedArtifactUri.TryGetDestinationPath(uri, out var path));
        Assert.Equal(expected, path);
    }

    [Theory]
    [InlineData("s3://bucket/1/abc/artifacts")]
    [InlineData("/var/mlruns/1/abc/artifacts")]
    [InlineData("file:///var/mlruns/1")]
    [InlineData("http://elsewhere.example/files/1")]
    [InlineData("")]
    public void Other_uris_are_not_proxied(string uri)
    {
        Assert.False(ProxiedArtifactUri.TryGetDestinationPath(uri, out _));
    }

    [Theory]
    [InlineData("mlflow-artifacts:/../../etc")]
    [InlineData("mlflow-artifacts:/1/%2e%2e/%2e%2e/%2e%2e/etc")]
    public void A_proxied_uri_that_climbs_out_of_the_destination_is_INVALID_PARAMETER_VALUE(string uri)
    {
        var error = Assert.Throws<FathomException>(() => ProxiedArtifactUri.TryGetDestinationPath(uri, out _));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }
}
