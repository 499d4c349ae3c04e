using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Artifacts;

/// <summary>
/// Multipart uploads the way MLflow's S3ArtifactRepository does them: S3 itself holds the parts, the client PUTs each
/// to a URL pre-signed for one hour (boto3's default), and the server only starts, completes or aborts the upload.
/// </summary>
internal sealed partial class S3ArtifactRepository
{
    // S3's limit on part numbers.
    private const int MaxParts = 10_000;
    private static readonly TimeSpan PresignedUrlLifetime = TimeSpan.FromHours(1);

    public async Task<MultipartUpload> CreateMultipartUploadAsync(string path, int numParts, CancellationToken ct = default)
    {
        if (numParts is < 1 or > MaxParts)
        {
            throw FathomException.InvalidParameter($"num_parts must be between 1 and {MaxParts}, but got {numParts}.");
        }

        var key = Key(ArtifactPath.NormalizeNonRoot(path));
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, ct);
        var credentials = new List<MultipartUploadCredential>(numParts);
        for (var part = 1; part <= numParts; part++)
        {
            var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = key,
                Verb = HttpVerb.PUT,
                UploadId = upload.UploadId,
                PartNumber = part,
                Expires = DateTime.UtcNow.Add(PresignedUrlLifetime),
                // The SDK signs https unless told otherwise; a custom http endpoint (s3rver, local MinIO) needs http.
                Protocol = client.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            });
            credentials.Add(new MultipartUploadCredential(url, part, new Dictionary<string, string>()));
        }

        return new MultipartUpload(upload.UploadId, credentials);
    }

    public Task CompleteMultipartUploadAsync(string path, string uploadId, IReadOnlyList<MultipartUploadPart> parts, CancellationToken ct = default) =>
        OnUploadAsync(uploadId, () => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = Key(ArtifactPath.NormalizeNonRoot(path)),
            UploadId = uploadId,
            PartETags = [.. parts.Select(p => new PartETag(p.PartNumber, p.ETag))],
        }, ct));

    public Task AbortMultipartUploadAsync(string path, string uploadId, CancellationToken ct = default) =>
        OnUploadAsync(uploadId, () => client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
        {
            BucketName = bucket,
            Key = Key(ArtifactPath.NormalizeNonRoot(path)),
            UploadId = uploadId,
        }, ct));

    /// <summary>
    /// An unknown upload id or a bad part list is the client's mistake, and a call the S3-compatible store does not
    /// implement (s3rver has no abort) is NOT_IMPLEMENTED: neither is a server error.
    /// </summary>
    private static async Task OnUploadAsync(string uploadId, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw FathomException.NotFound($"No multipart upload '{uploadId}': {e.Message}");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotImplemented)
        {
            throw new FathomException(ErrorCode.NOT_IMPLEMENTED, $"The artifact store does not implement this multipart upload call: {e.Message}");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            throw FathomException.InvalidParameter($"The multipart upload '{uploadId}' cannot be completed: {e.Message}");
        }
    }
}
