using Fathom.Core.Errors;
using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

public sealed class ArtifactRepositoryFactoryTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void A_plain_path_makes_a_local_repository_rooted_at_its_full_path()
    {
        using var repository = ArtifactRepositoryFactory.Create("some/relative", NoEnvironment);
        Assert.Equal(Path.GetFullPath("some/relative"), repository.RootUri);
    }

    [Fact]
    public void No_uri_means_the_default_local_destination()
    {
        using var repository = ArtifactRepositoryFactory.Create(null, NoEnvironment);
        Assert.Equal(Path.GetFullPath(ArtifactRepositoryFactory.DefaultDestination), repository.RootUri);
    }

    [Fact]
    public void A_file_uri_makes_a_local_repository_at_its_path()
    {
        using var repository = ArtifactRepositoryFactory.Create("file:///tmp/fathom%20art", NoEnvironment);
        Assert.Equal("/tmp/fathom art", repository.RootUri);
    }

    [Theory]
    [InlineData("s3://bucket/some/prefix/", "s3://bucket/some/prefix")]
    [InlineData("s3://bucket", "s3://bucket")]
    [InlineData("S3://bucket/p", "s3://bucket/p")]
    public void An_s3_uri_makes_an_s3_repository_for_its_bucket_and_prefix(string uri, string rootUri)
    {
        using var repository = ArtifactRepositoryFactory.Create(uri, name => name == "MLFLOW_S3_ENDPOINT_URL" ? "http://127.0.0.1:1" : null);
        Assert.Equal(rootUri, repository.RootUri);
    }

    [Theory]
    [InlineData("gs://bucket/x")]
    [InlineData("http://example.invalid/x")]
    [InlineData("s3:///no-bucket")]
    [InlineData("file://otherhost/path")]
    public void An_unsupported_or_malformed_uri_is_INVALID_PARAMETER_VALUE(string uri)
    {
        var error = Assert.Throws<FathomException>(() => ArtifactRepositoryFactory.Create(uri, NoEnvironment));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }

    [Fact]
    public void S3_settings_prefer_MLflows_endpoint_variable_then_the_AWS_ones()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://generic",
            ["AWS_ENDPOINT_URL_S3"] = "http://s3-specific",
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
            ["AWS_ACCESS_KEY_ID"] = "id",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
        };
        var settings = S3Settings.FromEnvironment(name => environment.GetValueOrDefault(name));
        Assert.Equal(new S3Settings("http://s3-specific", "id", "secret", null, "eu-west-1"), settings);

        environment["MLFLOW_S3_ENDPOINT_URL"] = "http://mlflow";
        environment["AWS_REGION"] = "us-west-2";
        settings = S3Settings.FromEnvironment(name => environment.GetValueOrDefault(name));
        Assert.Equal(("http://mlflow", "us-west-2"), (settings.EndpointUrl, settings.Region));
    }

    [Fact]
    public void S3_settings_default_to_us_east_1_and_no_endpoint()
    {
        Assert.Equal(new S3Settings(null, null, null, null, "us-east-1"), S3Settings.FromEnvironment(NoEnvironment));
    }
}
