namespace Fathom.Tracking.Artifacts;

/// <summary>
/// Where artifact bytes live (MLflow's <c>ArtifactRepository</c>): a local folder or an S3-compatible bucket, chosen by
/// URI in <see cref="ArtifactRepositoryFactory"/>. Every path is relative to the repository root and untrusted: each
/// method validates it with <see cref="ArtifactPath"/> and throws INVALID_PARAMETER_VALUE for anything that could
/// escape the root. Content always streams; no method holds a whole file in memory.
/// </summary>
public interface IArtifactRepository : IDisposable
{
    /// <summary>The root this repository was made from, e.g. <c>/srv/artifacts</c> or <c>s3://bucket/prefix</c>.</summary>
    string RootUri { get; }

    /// <summary>Stores <paramref name="content"/> (read to its end) at <paramref name="path"/>, replacing any file there.
    /// Readers never see a half-written file.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken ct = default);

    /// <summary>Opens the file at <paramref name="path"/> for reading. The stream reports its <c>Length</c>.
    /// Throws RESOURCE_DOES_NOT_EXIST when there is no file there (a directory is not a file).</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken ct = default);

    /// <summary>The immediate children of the directory <paramref name="path"/> (null or empty for the root), sorted by
    /// path, each path relative to the repository root. A missing directory or a file lists as empty, as in MLflow.</summary>
    Task<IReadOnlyList<ArtifactFileInfo>> ListAsync(string? path, CancellationToken ct = default);

    /// <summary>Deletes the file at <paramref name="path"/> or everything under the directory there. Deleting what
    /// does not exist is not an error (MLflow's behaviour); the root itself cannot be deleted.</summary>
    Task DeleteAsync(string path, CancellationToken ct = default);
}

/// <summary>MLflow's <c>FileInfo</c>: <paramref name="FileSize"/> is null for directories.</summary>
public sealed record ArtifactFileInfo(string Path, bool IsDir, long? FileSize);
