namespace Fathom.Client;

/// <summary>Progress of one artifact file's upload or download.</summary>
/// <param name="Path">The artifact path being transferred.</param>
/// <param name="BytesTransferred">Bytes sent or received so far.</param>
/// <param name="TotalBytes">The file's size when known.</param>
public sealed record ArtifactTransferProgress(string Path, long BytesTransferred, long? TotalBytes);
