using System.Net.Http.Headers;
using Fathom.Client.Artifacts;
using Fathom.Client.Http;

namespace Fathom.Client;

public sealed partial class FathomClient
{
    private const string ArtifactsApi = "api/2.0/mlflow-artifacts/artifacts/";

    /// <summary>Lists a run's artifacts directly under <paramref name="path"/> (MLflow's <c>artifacts/list</c>).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="path">A directory relative to the run's artifact root; null for the root.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>Files and directories, with paths relative to the run's artifact root.</returns>
    public async Task<IReadOnlyList<ArtifactFile>> ListArtifactsAsync(string runId, string? path = null, CancellationToken ct = default)
    {
        var files = new List<ArtifactFile>();
        string? token = null;
        do
        {
            var page = await _transport.GetJsonAsync<ListArtifactsResponse>(Api + "artifacts/list",
                [("run_id", runId), ("path", NullIfEmpty(path)), ("page_token", token)], ct);
            files.AddRange(page.Files ?? []);
            token = NullIfEmpty(page.NextPageToken);
        } while (token is not null);
        return files;
    }

    /// <summary>
    /// Uploads a file, or every file under a directory, to a run's artifacts through the server's proxied artifact
    /// service, streaming from disk. A file lands at <c>artifactPath/filename</c>; a directory's contents land under
    /// <c>artifactPath/</c> (as MLflow's <c>log_artifact</c> and <c>log_artifacts</c> do).
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="localPath">A file or directory.</param>
    /// <param name="artifactPath">Directory inside the run's artifacts; null for the root.</param>
    /// <param name="progress">Receives byte counts as files upload.</param>
    /// <param name="ct">Cancels the upload.</param>
    /// <returns>A task that completes when every file is stored.</returns>
    public async Task LogArtifactAsync(string runId, string localPath, string? artifactPath = null,
        IProgress<ArtifactTransferProgress>? progress = null, CancellationToken ct = default)
    {
        var root = ArtifactRoot.Parse((await GetRunAsync(runId, ct)).Info.ArtifactUri, runId);
        await UploadAsync(root, localPath, artifactPath, progress, ct);
    }

    internal async Task UploadAsync(string root, string localPath, string? artifactPath,
        IProgress<ArtifactTransferProgress>? progress, CancellationToken ct)
    {
        if (Directory.Exists(localPath))
        {
            foreach (var file in Directory.EnumerateFiles(localPath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(localPath, file).Replace(Path.DirectorySeparatorChar, '/');
                await UploadFileAsync(root, file, ArtifactRoot.Join(artifactPath, relative), progress, ct);
            }
            return;
        }
        if (!File.Exists(localPath))
            throw new FileNotFoundException($"Nothing to upload: '{localPath}' does not exist.", localPath);
        await UploadFileAsync(root, localPath, ArtifactRoot.Join(artifactPath, Path.GetFileName(localPath)), progress, ct);
    }

    private async Task UploadFileAsync(string root, string file, string artifactPath,
        IProgress<ArtifactTransferProgress>? progress, CancellationToken ct)
    {
        var total = new FileInfo(file).Length;
        var uri = ArtifactsApi + ArtifactRoot.EscapePath(ArtifactRoot.Join(root, artifactPath));
        using var response = await _transport.SendAsync(() =>
        {
            // A fresh stream per attempt, so a retried upload sends the whole file again.
            Stream body = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            if (progress is not null)
                body = new ProgressStream(body, read => progress.Report(new ArtifactTransferProgress(artifactPath, read, total)));
            var content = new StreamContent(body, 1 << 16);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = total;
            return new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        }, applyTimeout: false, ct);
    }

    /// <summary>
    /// Downloads a run's artifact file, or a whole artifact directory, into <paramref name="destination"/>, streaming to disk.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="artifactPath">A file or directory relative to the run's artifact root; null or empty for everything.</param>
    /// <param name="destination">Local directory to write into; created if missing.</param>
    /// <param name="progress">Receives byte counts as files download.</param>
    /// <param name="ct">Cancels the download.</param>
    /// <returns>The local path of the downloaded file or directory.</returns>
    /// <exception cref="FathomResourceNotFoundException">No artifact at that path.</exception>
    public async Task<string> DownloadArtifactsAsync(string runId, string? artifactPath, string destination,
        IProgress<ArtifactTransferProgress>? progress = null, CancellationToken ct = default)
    {
        var root = ArtifactRoot.Parse((await GetRunAsync(runId, ct)).Info.ArtifactUri, runId);
        var path = ArtifactRoot.Join(artifactPath);
        var local = path.Length == 0 ? destination : Path.Combine(destination, path);
        var entries = await ListArtifactsAsync(runId, path, ct);
        if (entries.Count == 0 && path.Length > 0)
        {
            await DownloadFileAsync(root, path, local, progress, ct);
            return local;
        }
        Directory.CreateDirectory(local);
        foreach (var entry in entries)
        {
            if (entry.IsDir)
                await DownloadArtifactsAsync(runId, entry.Path, destination, progress, ct);
            else
                await DownloadFileAsync(root, entry.Path, Path.Combine(destination, entry.Path), progress, ct);
        }
        return local;
    }

    private async Task DownloadFileAsync(string root, string artifactPath, string localFile,
        IProgress<ArtifactTransferProgress>? progress, CancellationToken ct)
    {
        var uri = ArtifactsApi + ArtifactRoot.EscapePath(ArtifactRoot.Join(root, artifactPath));
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), applyTimeout: false, ct);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localFile))!);
        var total = response.Content.Headers.ContentLength;
        await using var source = await response.Content.ReadAsStreamAsync(ct);
        await using var target = new FileStream(localFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long done = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            done += read;
            progress?.Report(new ArtifactTransferProgress(artifactPath, done, total));
        }
        if (done == 0)
            progress?.Report(new ArtifactTransferProgress(artifactPath, 0, total));
    }
}
