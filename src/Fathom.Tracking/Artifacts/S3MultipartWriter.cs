using Amazon.S3;
using Amazon.S3.Model;

namespace Fathom.Tracking.Artifacts;

/// <summary>
/// One multipart upload of a stream of unknown length, one part-sized buffer at a time. Any failure aborts the
/// upload so no orphaned parts are left to be billed.
/// </summary>
internal sealed class S3MultipartWriter(IAmazonS3 client, string bucket, string key, byte[] buffer)
{
    /// <param name="content">The rest of the stream, after the first <paramref name="firstPartLength"/> bytes already in the buffer.</param>
    public async Task WriteAsync(Stream content, int firstPartLength, CancellationToken ct)
    {
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, ct);
        var parts = new List<PartETag>();
        try
        {
            var length = firstPartLength;
            while (length > 0)
            {
                var part = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = parts.Count + 1,
                    InputStream = new MemoryStream(buffer, 0, length, writable: false),
                    UseChunkEncoding = false,
                }, ct);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                length = await S3ArtifactRepository.FillAsync(content, buffer, ct);
            }
            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, ct);
        }
        catch
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None);
            throw;
        }
    }
}
