using Fathom.Client.Http;

namespace Fathom.Client;

// The model registry's model versions (MLflow's model_registry.proto).
public sealed partial class FathomClient
{
    private const string VersionsApi = Api + "model-versions/";

    /// <summary>Registers a new version of <paramref name="name"/> from the model files at <paramref name="source"/>.</summary>
    /// <param name="name">An existing registered model.</param>
    /// <param name="source">The model's artifact URI, e.g. <c>mlflow-artifacts:/1/&lt;run&gt;/artifacts/model</c>.</param>
    /// <param name="runId">The run that produced it (lineage).</param>
    /// <param name="tags">Optional version tags.</param>
    /// <param name="description">Optional description.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The new version (numbered 1, 2, ... per model).</returns>
    public async Task<ModelVersion> CreateModelVersionAsync(string name, string source, string? runId = null,
        IReadOnlyList<RunTag>? tags = null, string? description = null, CancellationToken ct = default) =>
        (await _transport.PostJsonAsync<ModelVersionResponse>(VersionsApi + "create",
            new CreateModelVersionRequest(name, source, runId, tags, description), ct)).ModelVersion;

    /// <summary>
    /// Registers the model at <paramref name="modelUri"/> (usually <c>runs:/&lt;run_id&gt;/model</c>) as a new version of
    /// <paramref name="name"/>, creating the registered model first if it does not exist, as MLflow's <c>register_model</c> does.
    /// </summary>
    public async Task<ModelVersion> RegisterModelAsync(string modelUri, string name, IReadOnlyList<RunTag>? tags = null, CancellationToken ct = default)
    {
        try
        {
            await CreateRegisteredModelAsync(name, ct: ct);
        }
        catch (FathomResourceAlreadyExistsException)
        {
            // Registering another version of an existing model.
        }

        var uri = ModelUri.Parse(modelUri);
        var source = await ResolveModelUriAsync(uri, ct);
        return await CreateModelVersionAsync(name, source.ArtifactUri, uri.RunId ?? source.RunId, tags, ct: ct);
    }

    /// <summary>Gets one version.</summary>
    /// <exception cref="FathomResourceNotFoundException">No such model or version.</exception>
    public async Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<ModelVersionResponse>(VersionsApi + "get", [("name", name), ("version", version)], ct)).ModelVersion;

    /// <summary>Replaces a version's description.</summary>
    public async Task<ModelVersion> UpdateModelVersionAsync(string name, string version, string? description, CancellationToken ct = default) =>
        (await _transport.SendJsonAsync<ModelVersionResponse>(HttpMethod.Patch, VersionsApi + "update",
            new UpdateModelVersionRequest(name, version, description), ct)).ModelVersion;

    /// <summary>Deletes a version (its number is never reused) and the aliases pointing at it.</summary>
    public async Task DeleteModelVersionAsync(string name, string version, CancellationToken ct = default) =>
        await _transport.SendJsonAsync<EmptyResponse>(HttpMethod.Delete, VersionsApi + "delete", new ModelVersionRequest(name, version), ct);

    /// <summary>Searches versions, one page at a time.</summary>
    /// <param name="filter">e.g. <c>name = 'churn'</c>, <c>run_id = '...'</c>, <c>version_number &gt; 3</c>, <c>tags.validated = 'yes'</c>.</param>
    /// <param name="orderBy">e.g. <c>["version_number DESC"]</c>; by default newest change first.</param>
    /// <param name="maxResults">Page size.</param>
    /// <param name="pageToken">Token from the previous page.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One page and the next page's token.</returns>
    public async Task<ResultPage<ModelVersion>> SearchModelVersionsAsync(string? filter = null, IReadOnlyList<string>? orderBy = null,
        int maxResults = 1000, string? pageToken = null, CancellationToken ct = default)
    {
        var query = new List<(string, string?)> { ("filter", NullIfEmpty(filter)), ("max_results", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("page_token", NullIfEmpty(pageToken)) };
        query.AddRange((orderBy ?? []).Select(o => ("order_by", (string?)o)));
        var response = await _transport.GetJsonAsync<SearchModelVersionsResponse>(VersionsApi + "search", query, ct);
        return new ResultPage<ModelVersion>(response.ModelVersions ?? [], NullIfEmpty(response.NextPageToken));
    }

    /// <summary>Sets (or overwrites) a version tag.</summary>
    public async Task SetModelVersionTagAsync(string name, string version, string key, string value, CancellationToken ct = default) =>
        await _transport.PostJsonAsync<EmptyResponse>(VersionsApi + "set-tag", new SetModelVersionTagRequest(name, version, key, value), ct);

    /// <summary>Deletes a version tag (no error if the version has no such tag).</summary>
    public async Task DeleteModelVersionTagAsync(string name, string version, string key, CancellationToken ct = default) =>
        await _transport.SendJsonAsync<EmptyResponse>(HttpMethod.Delete, VersionsApi + "delete-tag", new DeleteModelVersionTagRequest(name, version, key), ct);

    /// <summary>Where the version's files are (its source artifact URI), as the server reports it.</summary>
    public async Task<string> GetModelVersionDownloadUriAsync(string name, string version, CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<DownloadUriResponse>(VersionsApi + "get-download-uri", [("name", name), ("version", version)], ct)).ArtifactUri;

    /// <summary>
    /// Moves a version to <c>None</c>, <c>Staging</c>, <c>Production</c> or <c>Archived</c> (stages are deprecated in MLflow in
    /// favour of aliases, but still served). With <paramref name="archiveExistingVersions"/>, the other versions in that stage are archived.
    /// </summary>
    public async Task<ModelVersion> TransitionModelVersionStageAsync(string name, string version, string stage,
        bool archiveExistingVersions = false, CancellationToken ct = default) =>
        (await _transport.PostJsonAsync<ModelVersionResponse>(VersionsApi + "transition-stage",
            new TransitionModelVersionStageRequest(name, version, stage, archiveExistingVersions), ct)).ModelVersion;
}
