using Fathom.Client;

namespace Fathom.Serving.Models;

/// <summary>
/// A model named by <c>models:/...</c> or <c>runs:/...</c>: resolved through the tracking server and downloaded through
/// its proxied artifact service into one cache folder per version, so moving an alias back to an earlier version
/// finds its files already there.
/// </summary>
internal sealed class RegistrySource(string uri, FathomClient client, string cacheRoot) : IModelSource
{
    private readonly ModelUri _parsed = ModelUri.Parse(uri);

    public string Uri { get; } = uri;

    /// <summary>An alias, a stage or <c>latest</c> can name another version tomorrow; a number or a run cannot.</summary>
    public bool CanMove => _parsed.Kind is ModelUriKind.Alias or ModelUriKind.Stage or ModelUriKind.Latest;

    public async Task<string> CurrentVersionAsync(CancellationToken ct) => VersionOf(await client.ResolveModelUriAsync(_parsed, ct));

    public async Task<ResolvedModel> ResolveAsync(CancellationToken ct)
    {
        var location = await client.ResolveModelUriAsync(_parsed, ct);
        var name = location.Name ?? _parsed.ArtifactPath.Trim('/').Replace('/', '-');
        var version = VersionOf(location);
        var folder = Path.Combine(cacheRoot, Safe(name), Safe(version));
        if (!File.Exists(Path.Combine(folder, "MLmodel")))
        {
            // Download beside the final folder, then move it in whole: a killed download never looks complete.
            var partial = folder + ".partial-" + Guid.NewGuid().ToString("N");
            await client.DownloadModelAsync(Uri, partial, ct: ct);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            Directory.Move(partial, folder);
        }

        return new ResolvedModel(folder, name, version, _parsed.Alias);
    }

    private static string VersionOf(ModelLocation location) => location.Version ?? location.RunId ?? "";

    private static string Safe(string segment) =>
        string.Concat(segment.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')).TrimStart('.');
}
