namespace Fathom.Tracking.Artifacts;

/// <summary>
/// MLflow's <c>MultipartUploadMixin</c>: a repository whose store takes a file in parts that the client uploads
/// directly (to pre-signed URLs), after which the server completes or aborts the upload. Only object stores offer it;
/// for the others the server answers NOT_IMPLEMENTED, which tells MLflow's client to upload through the proxy instead.
/// </summary>
public interface IMultipartArtifactRepository
{
    /// <summary>Starts an upload of the file at <paramref name="path"/> and signs one URL per part (numbered from 1).</summary>
    Task<MultipartUpload> CreateMultipartUploadAsync(string path, int numParts, CancellationToken ct = default);

    /// <summary>Assembles the uploaded <paramref name="parts"/> into the file at <paramref name="path"/>.</summary>
    Task CompleteMultipartUploadAsync(string path, string uploadId, IReadOnlyList<MultipartUploadPart> parts, CancellationToken ct = default);

    /// <summary>Discards an upload and its parts.</summary>
    Task AbortMultipartUploadAsync(string path, string uploadId, CancellationToken ct = default);
}

/// <summary>An upload in progress: its id and, per part, where and with which headers to PUT it.</summary>
public sealed record MultipartUpload(string UploadId, IReadOnlyList<MultipartUploadCredential> Credentials);

public sealed record MultipartUploadCredential(string Url, int PartNumber, IReadOnlyDictionary<string, string> Headers);

/// <summary>A part the client uploaded: its number and the ETag the store answered with.</summary>
public sealed record MultipartUploadPart(int PartNumber, string ETag);
