using Fathom.Client.Artifacts;

namespace Fathom.Client;

// Lineage in both directions, composed from MLflow's calls so no wire message gains a field:
// a version to its run (and the run's inputs, params and metrics), and a run to the versions made from it.
public sealed partial class FathomClient
{
    /// <summary>
    /// A version's lineage: its source run id and artifact path, and the run's dataset inputs, params and metrics.
    /// </summary>
    /// <param name="name">The registered model.</param>
    /// <param name="version">The version number.</param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns>The lineage; <see cref="ModelVersionLineage.Run"/> is null when the version has no run or the run is gone.</returns>
    /// <exception cref="FathomResourceNotFoundException">No such model or version.</exception>
    public async Task<ModelVersionLineage> GetModelVersionLineageAsync(string name, string version, CancellationToken ct = default)
    {
        var modelVersion = await GetModelVersionAsync(name, version, ct);
        Run? run = null;
        if (!string.IsNullOrEmpty(modelVersion.RunId))
        {
            try
            {
                run = await GetRunAsync(modelVersion.RunId, ct);
            }
            catch (FathomResourceNotFoundException)
            {
                // The run was purged (or lived on another server); the version still names it.
            }
        }
        return new ModelVersionLineage { Version = modelVersion, Run = run, ArtifactPath = ArtifactPathOf(modelVersion, run) };
    }

    /// <summary>
    /// Every version made from a run, across all registered models, newest first
    /// (MLflow's <c>search_model_versions("run_id = '...'")</c>, all pages).
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns>The versions; empty when none was registered from the run.</returns>
    public async Task<IReadOnlyList<ModelVersion>> GetModelVersionsForRunAsync(string runId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var filter = $"run_id = '{runId.Replace("'", "\\'", StringComparison.Ordinal)}'";
        var versions = new List<ModelVersion>();
        string? token = null;
        do
        {
            var page = await SearchModelVersionsAsync(filter, ["creation_timestamp DESC", "name ASC", "version_number DESC"], 1000, token, ct);
            versions.AddRange(page.Items);
            token = page.NextPageToken;
        } while (token is not null);
        return versions;
    }

    /// <summary>The source's path relative to the run's artifact root (or a runs:/ URI's path); null when it lies elsewhere.</summary>
    private static string? ArtifactPathOf(ModelVersion version, Run? run)
    {
        if (version.Source is not { Length: > 0 } source) return null;
        if (ModelUri.TryParse(source, out var uri) && uri!.Kind == ModelUriKind.Run) return NullIfEmpty(uri.ArtifactPath);
        var root = run?.Info.ArtifactUri?.TrimEnd('/');
        if (root is null) return null;
        if (source.TrimEnd('/') == root) return "";
        return source.StartsWith(root + "/", StringComparison.Ordinal) ? ArtifactRoot.Join(source[(root.Length + 1)..]) : null;
    }
}
