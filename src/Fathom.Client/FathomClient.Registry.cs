using System.Runtime.CompilerServices;
using Fathom.Client.Http;

namespace Fathom.Client;

// The model registry's registered models and aliases (MLflow's model_registry.proto).
public sealed partial class FathomClient
{
    private const string ModelsApi = Api + "registered-models/";

    /// <summary>Creates a registered model.</summary>
    /// <exception cref="FathomResourceAlreadyExistsException">A model with that name exists.</exception>
    public async Task<RegisteredModel> CreateRegisteredModelAsync(string name, IReadOnlyList<RunTag>? tags = null,
        string? description = null, CancellationToken ct = default) =>
        (await _transport.PostJsonAsync<RegisteredModelResponse>(ModelsApi + "create",
            new CreateRegisteredModelRequest(name, tags, description), ct)).RegisteredModel;

    /// <summary>Gets a registered model with its tags, aliases and the newest version in each stage.</summary>
    /// <exception cref="FathomResourceNotFoundException">No such model.</exception>
    public async Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<RegisteredModelResponse>(ModelsApi + "get", [("name", name)], ct)).RegisteredModel;

    /// <summary>Renames a registered model; its versions, tags and aliases move with it.</summary>
    public async Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, CancellationToken ct = default) =>
        (await _transport.PostJsonAsync<RegisteredModelResponse>(ModelsApi + "rename",
            new RenameRegisteredModelRequest(name, newName), ct)).RegisteredModel;

    /// <summary>Replaces a registered model's description.</summary>
    public async Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, CancellationToken ct = default) =>
        (await _transport.SendJsonAsync<RegisteredModelResponse>(HttpMethod.Patch, ModelsApi + "update",
            new UpdateRegisteredModelRequest(name, description), ct)).RegisteredModel;

    /// <summary>Deletes a registered model with all its versions, tags and aliases.</summary>
    public async Task DeleteRegisteredModelAsync(string name, CancellationToken ct = default) =>
        await _transport.SendJsonAsync<EmptyResponse>(HttpMethod.Delete, ModelsApi + "delete", new RegisteredModelNameRequest(name), ct);

    /// <summary>Searches registered models, one page at a time.</summary>
    /// <param name="filter">e.g. <c>name LIKE 'churn%'</c>, <c>name ILIKE '%Fraud%'</c> or <c>tags.team = 'growth'</c>.</param>
    /// <param name="orderBy">e.g. <c>["name ASC"]</c> or <c>["last_updated_timestamp DESC"]</c>.</param>
    /// <param name="maxResults">Page size, at most 1000.</param>
    /// <param name="pageToken">Token from the previous page.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One page and the next page's token.</returns>
    public async Task<ResultPage<RegisteredModel>> SearchRegisteredModelsAsync(string? filter = null, IReadOnlyList<string>? orderBy = null,
        int maxResults = 100, string? pageToken = null, CancellationToken ct = default)
    {
        var query = new List<(string, string?)> { ("filter", NullIfEmpty(filter)), ("max_results", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("page_token", NullIfEmpty(pageToken)) };
        query.AddRange((orderBy ?? []).Select(o => ("order_by", (string?)o)));
        var response = await _transport.GetJsonAsync<SearchRegisteredModelsResponse>(ModelsApi + "search", query, ct);
        return new ResultPage<RegisteredModel>(response.RegisteredModels ?? [], NullIfEmpty(response.NextPageToken));
    }

    /// <summary>Every registered model matching <paramref name="filter"/>, fetching pages as the caller enumerates.</summary>
    public async IAsyncEnumerable<RegisteredModel> SearchAllRegisteredModelsAsync(string? filter = null, IReadOnlyList<string>? orderBy = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? token = null;
        do
        {
            var page = await SearchRegisteredModelsAsync(filter, orderBy, 1000, token, ct);
            foreach (var model in page.Items)
                yield return model;
            token = page.NextPageToken;
        } while (token is not null);
    }

    /// <summary>The newest version in each of <paramref name="stages"/> (every stage when null).</summary>
    public async Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages = null, CancellationToken ct = default) =>
        (await _transport.PostJsonAsync<ModelVersionsResponse>(ModelsApi + "get-latest-versions",
            new GetLatestVersionsRequest(name, stages), ct)).ModelVersions ?? [];

    /// <summary>Sets (or overwrites) a registered model tag.</summary>
    public async Task SetRegisteredModelTagAsync(string name, string key, string value, CancellationToken ct = default) =>
        await _transport.PostJsonAsync<EmptyResponse>(ModelsApi + "set-tag", new SetRegisteredModelTagRequest(name, key, value), ct);

    /// <summary>Deletes a registered model tag (no error if the model has no such tag).</summary>
    public async Task DeleteRegisteredModelTagAsync(string name, string key, CancellationToken ct = default) =>
        await _transport.SendJsonAsync<EmptyResponse>(HttpMethod.Delete, ModelsApi + "delete-tag", new DeleteRegisteredModelTagRequest(name, key), ct);

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>, moving it if it pointed elsewhere.</summary>
    /// <exception cref="FathomInvalidParameterException">A reserved or malformed alias (<c>latest</c>, <c>v3</c>, spaces).</exception>
    public async Task SetRegisteredModelAliasAsync(string name, string alias, string version, CancellationToken ct = default) =>
        await _transport.PostJsonAsync<EmptyResponse>(ModelsApi + "alias", new SetRegisteredModelAliasRequest(name, alias, version), ct);

    /// <summary>Deletes an alias (no error if the model has no such alias).</summary>
    public async Task DeleteRegisteredModelAliasAsync(string name, string alias, CancellationToken ct = default) =>
        await _transport.SendJsonAsync<EmptyResponse>(HttpMethod.Delete, ModelsApi + "alias", new RegisteredModelAliasRequest(name, alias), ct);

    /// <summary>The version an alias points to.</summary>
    /// <exception cref="FathomInvalidParameterException">No such alias (MLflow's code for it).</exception>
    public async Task<ModelVersion> GetModelVersionByAliasAsync(string name, string alias, CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<ModelVersionResponse>(ModelsApi + "alias", [("name", name), ("alias", alias)], ct)).ModelVersion;
}
