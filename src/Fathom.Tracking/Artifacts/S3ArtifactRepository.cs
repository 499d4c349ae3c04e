using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Artifacts;

/// <summary>
/// Artifacts as objects in an S3-compatible bucket, under one key prefix. Directories are key prefixes ending in '/'.
/// Uploads stream through one part-sized buffer: small files go up in one PutObject, larger or unknown-length ones
/// as a multipart upload, so memory stays bounded whatever the file size.
/// </summary>
internal sealed partial class S3ArtifactRepository(IAmazonS3 client, string bucket, string prefix, int partSize = S3ArtifactRepository.DefaultPartSize)
    : IArtifactRepository, IMultipartArtifactRepository
{
    public const int DefaultPartSize = 8 << 20;
    private const int DeleteBatchSize = 1000;

    public string RootUri { get; } = prefix.Length == 0 ? $"s3://{bucket}" : $"s3://{bucket}/{prefix}";

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        var key = Key(ArtifactPath.NormalizeNonRoot(path));
        var buffer = new byte[partSize];
        var filled = await FillAsync(content, buffer, ct);
        if (filled < partSize)
        {
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                // Chunked (aws-chunked) bodies are stored verbatim, framing and all, by s3rver and other compatibles.
                UseChunkEncoding = false,
            }, ct);
            return;
        }
        await new S3MultipartWriter(client, bucket, key, buffer).WriteAsync(content, filled, ct);
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken ct = default)
    {
        var relative = ArtifactPath.NormalizeNonRoot(path);
        try
        {
            var response = await client.GetObjectAsync(bucket, Key(relative), ct);
            return new S3ObjectStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw FathomException.NotFound($"No artifact at '{relative}'.");
        }
    }

    public async Task<IReadOnlyList<ArtifactFileInfo>> ListAsync(string? path, CancellationToken ct = default)
    {
        var relative = ArtifactPath.Normalize(path);
        var folderKey = FolderKey(relative);
        var rootLength = FolderKey("").Length;
        var files = new List<ArtifactFileInfo>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = folderKey, Delimiter = "/" };
        do
        {
            var page = await client.ListObjectsV2Async(request, ct);
            foreach (var folder in page.CommonPrefixes ?? [])
                files.Add(new ArtifactFileInfo(folder[rootLength..].TrimEnd('/'), true, null));
            // A key equal to the folder key is a "directory marker" some tools create; it is not a file.
            foreach (var item in page.S3Objects ?? [])
                if (item.Key != folderKey)
                    files.Add(new ArtifactFileInfo(item.Key[rootLength..], false, item.Size ?? 0));
            request.ContinuationToken = page.NextContinuationToken;
        } while (request.ContinuationToken is not null);
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    public async Task DeleteAsync(string path, CancellationToken ct = default)
    {
        var key = Key(ArtifactPath.NormalizeNonRoot(path));
        await client.DeleteObjectAsync(bucket, key, ct);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = key + "/" };
        do
        {
            var page = await client.ListObjectsV2Async(request, ct);
            var keys = (page.S3Objects ?? []).Select(o => new KeyVersion { Key = o.Key }).ToList();
            foreach (var batch in keys.Chunk(DeleteBatchSize))
                await client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = [.. batch] }, ct);
            request.ContinuationToken = page.NextContinuationToken;
        } while (request.ContinuationToken is not null);
    }

    public void Dispose() => client.Dispose();

    private string Key(string relative) => ArtifactPath.Join(prefix, relative);

    // The prefix every key inside a folder starts with; the root of an unprefixed bucket is the empty prefix.
    private string FolderKey(string relative) => Key(relative) is { Length: > 0 } key ? key + "/" : "";

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns how much was read.</summary>
    internal static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0) break;
            filled += read;
        }
        return filled;
    }
}
