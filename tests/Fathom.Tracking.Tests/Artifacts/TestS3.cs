using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

/// <summary>The real s3rver that scripts/test.sh starts: bucket <c>fathom-test</c>, credentials S3RVER/S3RVER.</summary>
internal static class TestS3
{
    public const string Bucket = "fathom-test";

    public static string Endpoint =>
        Environment.GetEnvironmentVariable("FATHOM_TEST_S3_ENDPOINT") is { Length: > 0 } endpoint
            ? endpoint
            : throw new InvalidOperationException(
                "FATHOM_TEST_S3_ENDPOINT is not set: run the tests with ./scripts/test.sh, which starts an s3rver and sets it.");

    public static IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["MLFLOW_S3_ENDPOINT_URL"] = Endpoint,
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
    };

    /// <summary>A repository under a prefix of its own, so parallel tests never see each other's objects.</summary>
    public static IArtifactRepository CreateRepository(string prefix)
    {
        var environment = Variables;
        return ArtifactRepositoryFactory.Create($"s3://{Bucket}/{prefix}", name => environment.GetValueOrDefault(name));
    }
}
