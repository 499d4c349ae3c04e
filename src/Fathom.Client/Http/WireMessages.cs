namespace Fathom.Client.Http;

// Request and response bodies of MLflow's service.proto, named after the proto messages. Serialized with
// WireJson (snake_case), so property names here are the proto field names in PascalCase.

internal sealed record CreateExperimentRequest(string Name, string? ArtifactLocation, IReadOnlyList<RunTag>? Tags);
internal sealed record CreateExperimentResponse(string ExperimentId);
internal sealed record GetExperimentResponse(Experiment Experiment);
internal sealed record SearchExperimentsRequest(long MaxResults, string? PageToken, string? Filter, IReadOnlyList<string>? OrderBy, ViewType ViewType);
internal sealed record SearchExperimentsResponse(IReadOnlyList<Experiment>? Experiments, string? NextPageToken);
internal sealed record UpdateExperimentRequest(string ExperimentId, string NewName);
internal sealed record ExperimentIdRequest(string ExperimentId);
internal sealed record SetExperimentTagRequest(string ExperimentId, string Key, string Value);
internal sealed record DeleteExperimentTagRequest(string ExperimentId, string Key);

internal sealed record CreateRunRequest(string ExperimentId, string? UserId, long StartTime, IReadOnlyList<RunTag> Tags, string? RunName);
internal sealed record RunResponse(Run Run);
internal sealed record UpdateRunRequest(string RunId, string RunUuid, RunStatus? Status, long? EndTime, string? RunName);
internal sealed record UpdateRunResponse(RunInfo RunInfo);
internal sealed record RunIdRequest(string RunId);
internal sealed record SetTagRequest(string RunId, string RunUuid, string Key, string Value);
internal sealed record DeleteTagRequest(string RunId, string Key);
internal sealed record LogMetricRequest(string RunId, string RunUuid, string Key, double Value, long Timestamp, long Step);
internal sealed record LogParamRequest(string RunId, string RunUuid, string Key, string Value);
internal sealed record LogBatchRequest(string RunId, IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params, IReadOnlyList<RunTag> Tags);
internal sealed record LogInputsRequest(string RunId, IReadOnlyList<DatasetInput> Datasets);
internal sealed record SearchRunsRequest(
    IReadOnlyList<string> ExperimentIds, string? Filter, ViewType RunViewType, long MaxResults, IReadOnlyList<string>? OrderBy, string? PageToken);
internal sealed record SearchRunsResponse(IReadOnlyList<Run>? Runs, string? NextPageToken);

internal sealed record MetricHistoryResponse(IReadOnlyList<Metric>? Metrics, string? NextPageToken);
internal sealed record MetricBulkResponse(IReadOnlyList<MetricWithRunId>? Metrics);

internal sealed record ListArtifactsResponse(string? RootUri, IReadOnlyList<ArtifactFile>? Files, string? NextPageToken);

/// <summary>The empty JSON object that MLflow's mutation endpoints return.</summary>
internal sealed record EmptyResponse;

// model_registry.proto
internal sealed record CreateRegisteredModelRequest(string Name, IReadOnlyList<RunTag>? Tags, string? Description);
internal sealed record RegisteredModelResponse(RegisteredModel RegisteredModel);
internal sealed record RegisteredModelNameRequest(string Name);
internal sealed record RenameRegisteredModelRequest(string Name, string NewName);
internal sealed record UpdateRegisteredModelRequest(string Name, string? Description);
internal sealed record SearchRegisteredModelsResponse(IReadOnlyList<RegisteredModel>? RegisteredModels, string? NextPageToken);
internal sealed record GetLatestVersionsRequest(string Name, IReadOnlyList<string>? Stages);
internal sealed record ModelVersionsResponse(IReadOnlyList<ModelVersion>? ModelVersions);
internal sealed record SetRegisteredModelTagRequest(string Name, string Key, string Value);
internal sealed record DeleteRegisteredModelTagRequest(string Name, string Key);
internal sealed record SetRegisteredModelAliasRequest(string Name, string Alias, string Version);
internal sealed record RegisteredModelAliasRequest(string Name, string Alias);
internal sealed record CreateModelVersionRequest(string Name, string Source, string? RunId, IReadOnlyList<RunTag>? Tags, string? Description);
internal sealed record ModelVersionResponse(ModelVersion ModelVersion);
internal sealed record ModelVersionRequest(string Name, string Version);
internal sealed record UpdateModelVersionRequest(string Name, string Version, string? Description);
internal sealed record TransitionModelVersionStageRequest(string Name, string Version, string Stage, bool ArchiveExistingVersions);
internal sealed record SearchModelVersionsResponse(IReadOnlyList<ModelVersion>? ModelVersions, string? NextPageToken);
internal sealed record DownloadUriResponse(string ArtifactUri);
internal sealed record SetModelVersionTagRequest(string Name, string Version, string Key, string Value);
internal sealed record DeleteModelVersionTagRequest(string Name, string Version, string Key);
