using Fathom.Server.Wire;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Apis;

/// <summary>MLflow's run endpoints: <c>{prefix}/mlflow/runs/*</c>.</summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder api)
    {
        var runs = api.MapGroup("/mlflow/runs").WithTags("Runs");
        runs.MapPost("/create", CreateRun);
        runs.MapGet("/get", GetRun);
        runs.MapPost("/update", UpdateRun);
        runs.MapPost("/delete", DeleteRun);
        runs.MapPost("/restore", RestoreRun);
        runs.MapPost("/set-tag", SetTag);
        runs.MapPost("/delete-tag", DeleteTag);
        runs.MapPost("/log-metric", LogMetric);
        runs.MapPost("/log-parameter", LogParam);
        runs.MapPost("/log-batch", LogBatch);
        runs.MapPost("/log-inputs", LogInputs);
        runs.MapPost("/search", SearchRuns);
        return runs;
    }

    public static async Task<RunResponse> CreateRun(CreateRunRequest request, ITrackingStore store, CancellationToken ct)
    {
        // MLflow's store reads an empty experiment id as the Default experiment.
        var experimentId = string.IsNullOrEmpty(request.ExperimentId) ? "0" : request.ExperimentId;
        var run = await store.CreateRunAsync(
            new NewRun(experimentId, request.UserId, request.StartTime, WireMapper.ToTags(request.Tags), request.RunName), ct);
        return new RunResponse { Run = run.ToWire() };
    }

    public static async Task<RunResponse> GetRun(GetRunRequest request, ITrackingStore store, CancellationToken ct) =>
        new() { Run = (await store.GetRunAsync(request.RunId!, ct)).ToWire() };

    public static async Task<UpdateRunResponse> UpdateRun(UpdateRunRequest request, ITrackingStore store, CancellationToken ct)
    {
        var info = await store.UpdateRunInfoAsync(request.RunId!, request.Status, request.EndTime, request.RunName, ct);
        return new UpdateRunResponse { RunInfo = info.ToWire() };
    }

    public static async Task<EmptyResponse> DeleteRun(RunIdRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.DeleteRunAsync(request.RunId!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> RestoreRun(RunIdRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.RestoreRunAsync(request.RunId!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> SetTag(SetTagRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.SetTagAsync(request.RunId!, new Tag(request.Key!, request.Value ?? ""), ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteTag(DeleteTagRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.DeleteTagAsync(request.RunId!, request.Key!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> LogMetric(LogMetricRequest request, ITrackingStore store, CancellationToken ct)
    {
        Metric[] metric = [new(request.Key!, request.Value!.Value, request.Timestamp!.Value, request.Step ?? 0)];
        await store.LogBatchAsync(request.RunId!, metric, [], [], ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> LogParam(LogParamRequest request, ITrackingStore store, CancellationToken ct)
    {
        Param[] param = [new(request.Key!, request.Value ?? "")];
        await store.LogBatchAsync(request.RunId!, [], param, [], ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> LogBatch(LogBatchRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.LogBatchAsync(request.RunId!, WireMapper.ToMetrics(request.Metrics), WireMapper.ToParams(request.Params),
            WireMapper.ToTags(request.Tags), ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> LogInputs(LogInputsRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.LogInputsAsync(request.RunId!, WireMapper.ToDatasetInputs(request.Datasets), ct);
        return EmptyResponse.Instance;
    }

    public static async Task<SearchRunsResponse> SearchRuns(SearchRunsRequest request, ITrackingStore store, CancellationToken ct)
    {
        var defaults = new RunSearch([]);
        var search = new RunSearch(
            request.ExperimentIds ?? [],
            string.IsNullOrEmpty(request.Filter) ? null : request.Filter,
            request.RunViewType ?? defaults.ViewType,
            request.MaxResults ?? defaults.MaxResults,
            request.OrderBy,
            string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken);
        var page = await store.SearchRunsAsync(search, ct);
        return new SearchRunsResponse
        {
            Runs = WireMapper.NullIfEmpty(page.Items, r => r.ToWire()),
            NextPageToken = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken,
        };
    }
}
