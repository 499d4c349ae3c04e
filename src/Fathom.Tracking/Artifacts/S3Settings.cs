using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Fathom.Tracking.Artifacts;

/// <summary>
/// How to reach an S3-compatible store, read from the usual environment variables (the one place they are read):
/// <list type="bullet">
/// <item><c>MLFLOW_S3_ENDPOINT_URL</c>, else <c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c>: a custom
/// endpoint (MinIO, GCS interoperability, s3rver); path-style addressing is used with it.</item>
/// <item><c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, optional <c>AWS_SESSION_TOKEN</c>; without them the
/// AWS SDK's default chain (profiles, instance roles) applies.</item>
/// <item><c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else <c>us-east-1</c>.</item>
/// </list>
/// </summary>
public sealed record S3Settings(string? EndpointUrl, string? AccessKeyId, string? SecretAccessKey, string? SessionToken, string Region)
{
    public const string DefaultRegion = "us-east-1";

    public static S3Settings FromEnvironment(Func<string, string?> environment)
    {
        string? First(params string[] names) =>
            names.Select(environment).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

        return new S3Settings(
            First("MLFLOW_S3_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"),
            First("AWS_ACCESS_KEY_ID"),
            First("AWS_SECRET_ACCESS_KEY"),
            First("AWS_SESSION_TOKEN"),
            First("AWS_REGION", "AWS_DEFAULT_REGION") ?? DefaultRegion);
    }

    internal AmazonS3Client CreateClient()
    {
        var config = new AmazonS3Config
        {
            // Flexible checksums would be sent as aws-chunked trailers, which S3-compatible servers (s3rver, older
            // MinIO) store as part of the object; only send them where S3 demands one.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (EndpointUrl is not null)
        {
            config.ServiceURL = EndpointUrl;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }

        if (AccessKeyId is null || SecretAccessKey is null) return new AmazonS3Client(config);
        AWSCredentials credentials = SessionToken is null
            ? new BasicAWSCredentials(AccessKeyId, SecretAccessKey)
            : new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken);
        return new AmazonS3Client(credentials, config);
    }
}
