using System.Runtime.CompilerServices;
using Fathom.Client.Http;

namespace Fathom.Client;

public sealed partial class FathomClient
{
    /// <summary>Creates a run. Prefer <see cref="StartRunAsync"/> in training code: it adds system tags and buffers logging.</summary>
    /// <param name="experimentId">The experiment.</param>
    /// <param name="runName">Display name; null lets the server pick one.</param>
    /// <param name="tags">Initial tags.</param>
    /// <param name="startTime">Start time in ms since the epoch; null means now.</param>
    /// <param name="userId">The user; null means the current OS user.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The new run.</returns>
    public async Task<Run> CreateRunAsync(string experimentId, string? runName = null, IReadOnlyList<RunTag>? tags = null,
        long? startTime = null, string? userId = null, CancellationToken ct = default)
    {
        var request = new CreateRunRequest(experimentId, userId ?? Environment.UserName, startTime ?? NowMs(), tags ?? [], runName);
        return (await _transport.PostJsonAsync<RunResponse>(Api + "runs/create", request, ct)).Run;
    }

    /// <summary>Gets a run with its latest metrics, params and tags.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The run.</returns>
    /// <exception cref="FathomResourceNotFoundException">No such run.</exception>
    public async Task<Run> GetRunAsync(string runId, CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<RunResponse>(Api + "runs/get", [("run_id", runId)], ct)).Run;

    /// <summary>Updates a run's status, end time or name; null leaves a field unchanged.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="status">New status.</param>
    /// <param name="endTime">End time in ms since the epoch.</param>
    /// <param name="runName">New name.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The updated run info.</returns>
    public async Task<RunInfo> UpdateRunAsync(string runId, RunStatus? status = null, long? endTime = null,
        string? runName = null, CancellationToken ct = default) =>
        (await _transport.PostJsonAsync<UpdateRunResponse>(
            Api + "runs/update", new UpdateRunRequest(runId, runId, status, endTime, runName), ct)).RunInfo;

    /// <summary>Soft-deletes a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the run is deleted.</returns>
    public Task DeleteRunAsync(string runId, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "runs/delete", new RunIdRequest(runId), ct);

    /// <summary>Restores a soft-deleted run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the run is restored.</returns>
    public Task RestoreRunAsync(string runId, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "runs/restore", new RunIdRequest(runId), ct);

    /// <summary>Sets (or overwrites) a run tag immediately, without buffering.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="key">Tag name.</param>
    /// <param name="value">Tag value.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the tag is stored.</returns>
    public Task SetTagAsync(string runId, string key, string value, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "runs/set-tag", new SetTagRequest(runId, runId, key, value), ct);

    /// <summary>Deletes a run tag.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="key">Tag name.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the tag is gone.</returns>
    public Task DeleteTagAsync(string runId, string key, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "runs/delete-tag", new DeleteTagRequest(runId, key), ct);

    /// <summary>Logs one metric value immediately, without buffering.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="key">Metric name.</param>
    /// <param name="value">Value; NaN and infinities are allowed.</param>
    /// <param name="step">Training step.</param>
    /// <param name="timestamp">Ms since the epoch; null means now.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    public Task LogMetricAsync(string runId, string key, double value, long step = 0, long? timestamp = null, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "runs/log-metric",
            new LogMetricRequest(runId, runId, key, value, timestamp ?? NowMs(), step), ct);

    /// <summary>Logs one param immediately. Params are write-once.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="key">Param name.</param>
    /// <param name="value">Value.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the param is stored.</returns>
    public Task LogParamAsync(string runId, string key, string value, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "runs/log-parameter", new LogParamRequest(runId, runId, key, value), ct);

    /// <summary>
    /// Logs metrics, params and tags in one call. The server accepts at most 1000 metrics, 100 params, 100 tags and
    /// 1000 items in total per call; <see cref="FathomRun"/> splits for you.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="metrics">Metrics.</param>
    /// <param name="parameters">Params.</param>
    /// <param name="tags">Tags.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when everything is stored.</returns>
    public Task LogBatchAsync(string runId, IReadOnlyList<Metric>? metrics = null, IReadOnlyList<Param>? parameters = null,
        IReadOnlyList<RunTag>? tags = null, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "runs/log-batch", new LogBatchRequest(runId, metrics ?? [], parameters ?? [], tags ?? []), ct);

    /// <summary>Records datasets the run consumed.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="datasets">The dataset inputs.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>A task that completes when the inputs are stored.</returns>
    public Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> datasets, CancellationToken ct = default) =>
        _transport.PostJsonAsync(Api + "runs/log-inputs", new LogInputsRequest(runId, datasets), ct);

    /// <summary>Searches runs, one page at a time, with MLflow's filter grammar.</summary>
    /// <param name="experimentIds">Experiments to search.</param>
    /// <param name="filter">e.g. <c>metrics.acc &gt; 0.9 and params.lr = '0.01'</c>.</param>
    /// <param name="orderBy">e.g. <c>["metrics.acc DESC"]</c>.</param>
    /// <param name="viewType">Active, deleted or all.</param>
    /// <param name="maxResults">Page size.</param>
    /// <param name="pageToken">Token from the previous page.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One page and the next page's token.</returns>
    public async Task<ResultPage<Run>> SearchRunsAsync(IReadOnlyList<string> experimentIds, string? filter = null,
        IReadOnlyList<string>? orderBy = null, ViewType viewType = ViewType.ActiveOnly, int maxResults = 1000,
        string? pageToken = null, CancellationToken ct = default)
    {
        var request = new SearchRunsRequest(experimentIds, filter, viewType, maxResults, orderBy, NullIfEmpty(pageToken));
        var response = await _transport.PostJsonAsync<SearchRunsResponse>(Api + "runs/search", request, ct);
        return new ResultPage<Run>(response.Runs ?? [], NullIfEmpty(response.NextPageToken));
    }

    /// <summary>Searches runs and yields every match, fetching pages as the caller enumerates.</summary>
    /// <param name="experimentIds">Experiments to search.</param>
    /// <param name="filter">MLflow filter.</param>
    /// <param name="orderBy">Ordering clauses.</param>
    /// <param name="viewType">Active, deleted or all.</param>
    /// <param name="pageSize">Runs per request.</param>
    /// <param name="ct">Cancels the enumeration.</param>
    /// <returns>All matching runs.</returns>
    public async IAsyncEnumerable<Run> SearchAllRunsAsync(IReadOnlyList<string> experimentIds, string? filter = null,
        IReadOnlyList<string>? orderBy = null, ViewType viewType = ViewType.ActiveOnly, int pageSize = 1000,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? token = null;
        do
        {
            var page = await SearchRunsAsync(experimentIds, filter, orderBy, viewType, pageSize, token, ct);
            foreach (var run in page.Items)
                yield return run;
            token = page.NextPageToken;
        } while (token is not null);
    }
}
