using Fathom.Core.Errors;

namespace Fathom.Tracking.Artifacts;

/// <summary>
/// Artifacts as plain files under one root folder. Every path is validated, then resolved through symbolic links and
/// checked to stay under the root's real path, so neither '..' nor a planted link can read or write outside it.
/// </summary>
internal sealed class LocalArtifactRepository : IArtifactRepository
{
    // Uploads land in a sibling temporary file first and are renamed into place, so readers never see a partial
    // file; listings hide these names.
    internal const string UploadMarker = ".fathom-upload-";
    private const int CopyBufferSize = 1 << 20;

    private readonly string _root;

    public LocalArtifactRepository(string rootPath, string rootUri)
    {
        RootUri = rootUri;
        _root = RealPath.Resolve(rootPath);
    }

    public string RootUri { get; }

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        var target = Resolve(ArtifactPath.NormalizeNonRoot(path));
        if (Directory.Exists(target)) throw FathomException.InvalidParameter($"Cannot write '{path}': it is a directory.");
        var folder = Path.GetDirectoryName(target)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (IOException e)
        {
            throw FathomException.InvalidParameter($"Cannot write '{path}': a parent of it is a file. ({e.Message})");
        }
        var staging = Path.Combine(folder, $"{UploadMarker}{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
                await content.CopyToAsync(file, CopyBufferSize, ct);
            File.Move(staging, target, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken ct = default)
    {
        var target = Resolve(ArtifactPath.NormalizeNonRoot(path));
        if (!File.Exists(target)) throw FathomException.NotFound($"No artifact at '{path}'.");
        Stream stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, useAsync: true);
        return Task.FromResult(stream);
    }

    public Task<IReadOnlyList<ArtifactFileInfo>> ListAsync(string? path, CancellationToken ct = default)
    {
        var relative = ArtifactPath.Normalize(path);
        var folder = Resolve(relative);
        if (!Directory.Exists(folder)) return Task.FromResult<IReadOnlyList<ArtifactFileInfo>>([]);
        var files = new List<ArtifactFileInfo>();
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith(UploadMarker, StringComparison.Ordinal)) continue;
            // A link that leads out of the root is not ours to describe (its size would leak a foreign file).
            if (entry.LinkTarget is not null && !RealPath.IsUnder(RealPath.Resolve(entry.FullName), _root)) continue;
            var childPath = ArtifactPath.Join(relative, entry.Name);
            files.Add(Directory.Exists(entry.FullName)
                ? new ArtifactFileInfo(childPath, true, null)
                : new ArtifactFileInfo(childPath, false, new FileInfo(entry.FullName).Length));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return Task.FromResult<IReadOnlyList<ArtifactFileInfo>>(files);
    }

    public Task DeleteAsync(string path, CancellationToken ct = default)
    {
        var target = Resolve(ArtifactPath.NormalizeNonRoot(path));
        if (target == _root) throw FathomException.InvalidParameter($"Cannot delete '{path}': it is the artifact root.");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        else if (File.Exists(target)) File.Delete(target);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }

    private string Resolve(string relative)
    {
        var real = RealPath.Resolve(Path.Combine(_root, relative));
        if (!RealPath.IsUnder(real, _root))
            throw FathomException.InvalidParameter($"Invalid path '{relative}': it leads outside the artifact root.");
        return real;
    }
}
