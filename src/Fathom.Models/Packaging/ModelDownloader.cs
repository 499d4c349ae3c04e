using Fathom.Client;

namespace Fathom.Models.Packaging;

/// <summary>Fetches model packages named by URI and loads them.</summary>
public static class ModelDownloader
{
    /// <summary>
    /// Downloads the package a URI names into <paramref name="destination"/>: <c>runs:/&lt;run_id&gt;/&lt;path&gt;</c>
    /// from the run's artifacts, <c>models:/name/3</c>, <c>models:/name@alias</c> or <c>models:/name/Stage</c> through
    /// the registry; a local folder is used where it is.
    /// </summary>
    /// <param name="client">The tracking client.</param>
    /// <param name="modelUri">A <c>runs:/</c> or <c>models:/</c> URI, or a local folder.</param>
    /// <param name="destination">Where to download to.</param>
    /// <param name="ct">Cancels the download.</param>
    /// <returns>The local package folder.</returns>
    /// <exception cref="FathomException">INVALID_PARAMETER_VALUE for a URI of another form.</exception>
    public static async Task<string> DownloadAsync(FathomClient client, string modelUri, string destination, CancellationToken ct = default)
    {
        if (Directory.Exists(modelUri)) return modelUri;
        if (modelUri.StartsWith("models:/", StringComparison.Ordinal))
        {
            await client.DownloadModelAsync(modelUri, destination, ct: ct);
            return destination;
        }

        if (!modelUri.StartsWith("runs:/", StringComparison.Ordinal))
            throw FathomException.InvalidParameter($"'{modelUri}' is not a models:/ or runs:/<run_id>/<path> URI or a local model folder.");
        var rest = modelUri["runs:/".Length..].Trim('/');
        var slash = rest.IndexOf('/');
        if (slash <= 0) throw FathomException.InvalidParameter($"'{modelUri}' names no artifact path; expected runs:/<run_id>/<path>.");
        return await client.DownloadArtifactsAsync(rest[..slash], rest[(slash + 1)..], destination, ct: ct);
    }

    /// <summary>Downloads (see <see cref="DownloadAsync"/>) and loads a model.</summary>
    /// <param name="client">The tracking client.</param>
    /// <param name="modelUri">A <c>runs:/</c> or <c>models:/</c> URI, or a local folder.</param>
    /// <param name="destination">Where to download to.</param>
    /// <param name="options">Loading options.</param>
    /// <param name="ct">Cancels the download.</param>
    /// <returns>The loaded model.</returns>
    public static async Task<IModel> LoadAsync(FathomClient client, string modelUri, string destination,
        ModelLoadOptions? options = null, CancellationToken ct = default) =>
        ModelLoader.Load(await DownloadAsync(client, modelUri, destination, ct), options);
}
