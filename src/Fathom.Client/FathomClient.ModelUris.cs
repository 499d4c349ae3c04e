using System.Globalization;
using Fathom.Client.Artifacts;
using Fathom.Client.Http;

namespace Fathom.Client;

// Model URIs (models:/name/3, models:/name@alias, models:/name/Production, models:/name/latest, runs:/id/path) to the
// artifact location of the model's files, and downloads through the server's proxied artifact service.
public sealed partial class FathomClient
{
    /// <summary>
    /// Resolves a model URI to where its files are, as MLflow's client does: a version to its download URI, an alias
    /// to the version it points at, a stage to the newest version in it, <c>latest</c> to the newest version in any
    /// stage, and <c>runs:/id/path</c> to that path under the run's artifact URI.
    /// </summary>
    /// <param name="modelUri">See <see cref="ModelUri"/> for the accepted forms.</param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns>The artifact location and the version and run behind it.</returns>
    /// <exception cref="FathomResourceNotFoundException">No such model, version, run, or no version in that stage.</exception>
    public Task<ModelLocation> ResolveModelUriAsync(string modelUri, CancellationToken ct = default) =>
        ResolveModelUriAsync(ModelUri.Parse(modelUri), ct);

    /// <summary>Resolves a parsed model URI (see <see cref="ResolveModelUriAsync(string, CancellationToken)"/>).</summary>
    public async Task<ModelLocation> ResolveModelUriAsync(ModelUri uri, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Kind == ModelUriKind.Run)
        {
            var run = await GetRunAsync(uri.RunId!, ct);
            return new ModelLocation(ArtifactRoot.Join(run.Info.ArtifactUri, uri.ArtifactPath), null, null, uri.RunId);
        }

        var version = uri.Kind switch
        {
            ModelUriKind.Version => await GetModelVersionAsync(uri.Name!, uri.Version!, ct),
            ModelUriKind.Alias => await GetModelVersionByAliasAsync(uri.Name!, uri.Alias!, ct),
            _ => Newest(await GetLatestVersionsAsync(uri.Name!, uri.Stage is null ? null : [uri.Stage], ct), uri),
        };
        var location = await GetModelVersionDownloadUriAsync(version.Name, version.Version, ct);

        // A version registered straight from a runs:/ URI keeps it as its source; follow it to the run's artifacts.
        if (ModelUri.TryParse(location, out var inner) && inner!.Kind == ModelUriKind.Run)
            location = (await ResolveModelUriAsync(inner, ct)).ArtifactUri;
        return new ModelLocation(location, version.Name, version.Version, NullIfEmpty(version.RunId));
    }

    /// <summary>
    /// Downloads the files a model URI names into <paramref name="destination"/> (a model folder's contents land directly
    /// in it; a single file keeps its name), streaming through the server's proxied artifact service.
    /// </summary>
    /// <param name="modelUri">See <see cref="ModelUri"/>.</param>
    /// <param name="destination">Local directory; created if missing.</param>
    /// <param name="progress">Receives byte counts as files download.</param>
    /// <param name="ct">Cancels the download.</param>
    /// <returns>Where the files were resolved from.</returns>
    /// <exception cref="FathomException">INVALID_STATE when the files are not in the server's proxied artifact store.</exception>
    public async Task<ModelLocation> DownloadModelAsync(string modelUri, string destination,
        IProgress<ArtifactTransferProgress>? progress = null, CancellationToken ct = default)
    {
        var location = await ResolveModelUriAsync(modelUri, ct);
        var root = ArtifactRoot.TryParse(location.ArtifactUri) ?? throw new FathomException(ErrorCode.INVALID_STATE,
            $"'{modelUri}' resolves to '{location.ArtifactUri}', which the tracking server does not proxy; "
            + "the client downloads only through the server's artifact service (mlflow-artifacts:/ locations).");
        var entries = await ListServiceAsync(root, ct);
        if (entries.Count == 0)
        {
            // Not a folder: one file (the download fails with RESOURCE_DOES_NOT_EXIST if there is nothing at all).
            await DownloadFileAsync(root, "", Path.Combine(destination, root[(root.LastIndexOf('/') + 1)..]), progress, ct);
            return location;
        }

        Directory.CreateDirectory(destination);
        await DownloadTreeAsync(root, "", entries, destination, progress, ct);
        return location;
    }

    private async Task DownloadTreeAsync(string root, string relative, IReadOnlyList<ArtifactFile> entries, string destination,
        IProgress<ArtifactTransferProgress>? progress, CancellationToken ct)
    {
        foreach (var entry in entries)
        {
            var name = ArtifactRoot.Join(relative, entry.Path[(entry.Path.LastIndexOf('/') + 1)..]);
            if (entry.IsDir)
            {
                Directory.CreateDirectory(Path.Combine(destination, name));
                await DownloadTreeAsync(root, name, await ListServiceAsync(ArtifactRoot.Join(root, name), ct), destination, progress, ct);
            }
            else
            {
                await DownloadFileAsync(root, name, Path.Combine(destination, name), progress, ct);
            }
        }
    }

    /// <summary>The artifact service's own listing (<c>GET mlflow-artifacts/artifacts?path=</c>): entries are base names.</summary>
    private async Task<IReadOnlyList<ArtifactFile>> ListServiceAsync(string path, CancellationToken ct) =>
        (await _transport.GetJsonAsync<ListArtifactsResponse>(ArtifactsApi.TrimEnd('/'), [("path", path)], ct)).Files ?? [];

    private static ModelVersion Newest(IReadOnlyList<ModelVersion> versions, ModelUri uri) =>
        versions.MaxBy(v => long.Parse(v.Version, CultureInfo.InvariantCulture))
        ?? throw new FathomResourceNotFoundException(ErrorCode.RESOURCE_DOES_NOT_EXIST,
            $"No versions of model with name '{uri.Name}' and stage '{uri.Stage ?? "any"}' found");
}
