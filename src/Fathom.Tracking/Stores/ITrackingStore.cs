using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Stores;

/// <summary>
/// The one tracking store interface (MLflow's <c>AbstractStore</c>). The SQLite and PostgreSQL stores implement it,
/// the server's handlers and the CLI speak only to it, and one conformance suite tests every implementation.
/// Every method validates its input and throws <see cref="Fathom.Core.Errors.FathomException"/> with MLflow's codes.
/// </summary>
public interface ITrackingStore : IAsyncDisposable
{
    // experiments
    Task<string> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<Tag> tags, CancellationToken ct = default);
    Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken ct = default);
    Task<Experiment> GetExperimentByNameAsync(string name, CancellationToken ct = default);
    Task<Page<Experiment>> SearchExperimentsAsync(ExperimentSearch search, CancellationToken ct = default);
    Task RenameExperimentAsync(string experimentId, string newName, CancellationToken ct = default);
    Task DeleteExperimentAsync(string experimentId, CancellationToken ct = default);
    Task RestoreExperimentAsync(string experimentId, CancellationToken ct = default);
    Task SetExperimentTagAsync(string experimentId, Tag tag, CancellationToken ct = default);
    Task DeleteExperimentTagAsync(string experimentId, string key, CancellationToken ct = default);

    // runs
    Task<Run> CreateRunAsync(NewRun run, CancellationToken ct = default);
    Task<Run> GetRunAsync(string runId, CancellationToken ct = default);
    Task<RunInfo> UpdateRunInfoAsync(string runId, RunStatus? status, long? endTime, string? runName, CancellationToken ct = default);
    Task DeleteRunAsync(string runId, CancellationToken ct = default);
    Task RestoreRunAsync(string runId, CancellationToken ct = default);
    Task SetTagAsync(string runId, Tag tag, CancellationToken ct = default);
    Task DeleteTagAsync(string runId, string key, CancellationToken ct = default);
    Task LogBatchAsync(string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags, CancellationToken ct = default);
    Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> datasets, CancellationToken ct = default);
    Task<Page<Run>> SearchRunsAsync(RunSearch search, CancellationToken ct = default);

    // metric history
    Task<Page<Metric>> GetMetricHistoryAsync(string runId, string metricKey, int? maxResults, string? pageToken, CancellationToken ct = default);

    /// <summary>
    /// The same page as <see cref="GetMetricHistoryAsync"/>, handed to <paramref name="writer"/> point by point as the
    /// store reads it (no list of objects); returns the next page token, null on the last page.
    /// </summary>
    Task<string?> ReadMetricHistoryAsync(string runId, string metricKey, int? maxResults, string? pageToken, IMetricHistoryWriter writer, CancellationToken ct = default);

    Task<IReadOnlyList<MetricWithRunId>> GetMetricHistoryBulkIntervalAsync(IReadOnlyList<string> runIds, string metricKey, long? startStep, long? endStep, int maxResults, CancellationToken ct = default);
}

/// <summary>Input of <see cref="ITrackingStore.CreateRunAsync"/>. A null start time means "now".</summary>
public sealed record NewRun(string ExperimentId, string? UserId, long? StartTime, IReadOnlyList<Tag> Tags, string? RunName);

public sealed record ExperimentSearch(
    ViewType ViewType = ViewType.ACTIVE_ONLY,
    int MaxResults = 1000,
    string? Filter = null,
    IReadOnlyList<string>? OrderBy = null,
    string? PageToken = null);

public sealed record RunSearch(
    IReadOnlyList<string> ExperimentIds,
    string? Filter = null,
    ViewType ViewType = ViewType.ACTIVE_ONLY,
    int MaxResults = 1000,
    IReadOnlyList<string>? OrderBy = null,
    string? PageToken = null);
