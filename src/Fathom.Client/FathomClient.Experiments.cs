using System.Runtime.CompilerServices;
using Fathom.Client.Http;

namespace Fathom.Client;

public sealed partial class FathomClient
{
    /// <summary>Creates an experiment.</summary>
    /// <param name="name">Unique name.</param>
    /// <param name="artifactLocation">Where its artifacts go; null lets the server choose.</param>
    /// <param name="tags">Optional experiment tags.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The new experiment's id.</returns>
    /// <exception cref="FathomResourceAlreadyExistsException">An experiment with that name exists (possibly deleted).</exception>
    public async Task<string> CreateExperimentAsync(string name, string? artifactLocation = null,
        IReadOnlyList<RunTag>? tags = null, CancellationToken ct = default)
    {
        var response = await _transport.PostJsonAsync<CreateExperimentResponse>(
            Api + "experiments/create", new CreateExperimentRequest(name, artifactLocation, tags), ct);
        return response.ExperimentId;
    }

    /// <summary>Gets an experiment by id.</summary>
    /// <param name="experimentId">The id.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The experiment.</returns>
    /// <exception cref="FathomResourceNotFoundException">No such experiment.</exception>
    public async Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<GetExperimentResponse>(
            Api + "experiments/get", [("experiment_id", experimentId)], ct)).Experiment;

    /// <summary>Gets an experiment by name (active or deleted).</summary>
    /// <param name="name">The name.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The experiment.</returns>
    /// <exception cref="FathomResourceNotFoundException">No such experiment.</exception>
    public async Task<Experiment> GetExperimentByNameAsync(string name, CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<GetExperimentResponse>(
            Api + "experiments/get-by-name", [("experiment_name", name)], ct)).Experiment;

    /// <summary>Returns the id of the named experiment, creating it if it does not exist.</summary>
    /// <param name="name">The name.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The experiment id.</returns>
    /// <exception cref="FathomException">The experiment exists but is deleted (restore it first), or the call failed.</exception>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct = default)
    {
        try
        {
            var existing = await GetExperimentByNameAsync(name, ct);
            if (existing.LifecycleStage == "deleted")
                throw new FathomException(Core.Errors.ErrorCode.INVALID_STATE,
                    $"Experiment '{name}' is deleted. Restore it (`fathom experiments restore {existing.ExperimentId}`) or use another name.");
            return existing.ExperimentId;
        }
        catch (FathomResourceNotFoundException)
        {
            try
            {
                return await CreateExperimentAsync(name, ct: ct);
            }
            catch (FathomResourceAlreadyExistsException)
            {
                // Another process created it between our two calls: use theirs.
                return (await GetExperimentByNameAsync(name, ct)).ExperimentId;
            }
        }
    }

    /// <summary>Searches experiments, one page at a time.</summary>
    /// <param name="filter">MLflow filter, e.g. <c>name LIKE 'exp%'</c> or <c>tags.team = 'ml'</c>.</param>
    /// <param name="orderBy">e.g. <c>["name ASC"]</c>, <c>["creation_time DESC"]</c>.</param>
    /// <param name="viewType">Active, deleted or all.</param>
    /// <param name="maxResults">Page size.</param>
    /// <param name="pageToken">Token from the previous page.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One page and the next page's token.</returns>
    public async Task<ResultPage<Experiment>> SearchExperimentsAsync(string? filter = null, IReadOnlyList<string>? orderBy = null,
        ViewType viewType = ViewType.ActiveOnly, int maxResults = 1000, string? pageToken = null, CancellationToken ct = default)
    {
        var response = await _transport.PostJsonAsync<SearchExperimentsResponse>(Api + "experiments/search",
            new SearchExperimentsRequest(maxResults, NullIfEmpty(pageToken), filter, orderBy, viewType), ct);
        return new ResultPage<Experiment>(response.Experiments ?? [], NullIfEmpty(response.NextPageToken));
    }

    /// <summary>Searches experiments and yields every match, fetching pages as the caller enumerates.</summary>
    /// <param name="filter">MLflow filter.</param>
    /// <param name="orderBy">Ordering clauses.</param>
    /// <param name="viewType">Active, deleted or all.</param>
    /// <param name="pageSize">Experiments per request.</param>
    /// <param name="ct">Cancels the enumeration.</param>
    /// <returns>All matching experiments.</returns>
    public async IAsyncEnumerable<Experiment> SearchAllExperimentsAsync(string? filter = null, IReadOnlyList<string>? orderBy = null,
        ViewType viewType = ViewType.ActiveOnly, int pageSize = 1000, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? token = null;
        do
        {
            var page = await SearchExperimentsAsync(filter, orderBy, viewType, pageSize, token, ct);
            foreach (var experiment in page.Items)
                yield return experiment;
            token = page.NextPageToken;
        } while (token is not null);
    }

    /// <summary>Renames an experiment.</summary>
    /// <param name="experimentId">The id.</param>
    /// <param name="newName">The new, unique name.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the server has renamed it.</returns>
    public Task RenameExperimentAsync(string experimentId, string newName, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "experiments/update", new UpdateExperimentRequest(experimentId, newName), ct);

    /// <summary>Soft-deletes an experiment and its runs; <see cref="RestoreExperimentAsync"/> undoes it.</summary>
    /// <param name="experimentId">The id.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the server has deleted it.</returns>
    public Task DeleteExperimentAsync(string experimentId, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "experiments/delete", new ExperimentIdRequest(experimentId), ct);

    /// <summary>Restores a soft-deleted experiment.</summary>
    /// <param name="experimentId">The id.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the server has restored it.</returns>
    public Task RestoreExperimentAsync(string experimentId, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "experiments/restore", new ExperimentIdRequest(experimentId), ct);

    /// <summary>Sets (or overwrites) a tag on an experiment.</summary>
    /// <param name="experimentId">The id.</param>
    /// <param name="key">Tag name.</param>
    /// <param name="value">Tag value.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the tag is stored.</returns>
    public Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "experiments/set-experiment-tag", new SetExperimentTagRequest(experimentId, key, value), ct);

    /// <summary>Deletes a tag from an experiment.</summary>
    /// <param name="experimentId">The id.</param>
    /// <param name="key">Tag name.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the tag is gone.</returns>
    public Task DeleteExperimentTagAsync(string experimentId, string key, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "experiments/delete-experiment-tag", new DeleteExperimentTagRequest(experimentId, key), ct);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
