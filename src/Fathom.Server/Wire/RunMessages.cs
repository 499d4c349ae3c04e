using System.Text.Json.Serialization;
using Fathom.Server.Requests;
using Fathom.Tracking.Entities;

namespace Fathom.Server.Wire;

// Request and response messages of the run endpoints (service.proto). Calls that name a run accept the legacy
// run_uuid in place of run_id, as MLflow does.

public sealed class CreateRunRequest : IMlflowRequest
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ExperimentId { get; set; }
    public string? UserId { get; set; }
    public string? RunName { get; set; }
    public long? StartTime { get; set; }
    public List<KeyValueDto>? Tags { get; set; }

    public static ValueTask<CreateRunRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.CreateRunRequest);

    public void Validate() => WireValidation.RequireKeys(Tags, "tags");
}

public sealed class RunResponse
{
    public required RunDto Run { get; init; }
}

public sealed class GetRunRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public string? RunUuid { get; set; }

    public static ValueTask<GetRunRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.GetRunRequest);

    public void Validate() => RunId = WireValidation.RequireRunId(RunId, RunUuid);
}

public sealed class UpdateRunRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public string? RunUuid { get; set; }
    public RunStatus? Status { get; set; }
    public long? EndTime { get; set; }
    public string? RunName { get; set; }

    public static ValueTask<UpdateRunRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.UpdateRunRequest);

    public void Validate()
    {
        RunId = WireValidation.RequireRunId(RunId, RunUuid);
        WireValidation.RequireDefined(Status, "status");
    }
}

public sealed class UpdateRunResponse
{
    public required RunInfoDto RunInfo { get; init; }
}

/// <summary>The body of runs/delete and runs/restore.</summary>
public sealed class RunIdRequest : IMlflowRequest
{
    public string? RunId { get; set; }

    public static ValueTask<RunIdRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.RunIdRequest);

    public void Validate() => RequestErrors.Required(RunId, "run_id");
}

public sealed class SetTagRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public string? RunUuid { get; set; }
    public string? Key { get; set; }
    public string? Value { get; set; }

    public static ValueTask<SetTagRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SetTagRequest);

    public void Validate()
    {
        RunId = WireValidation.RequireRunId(RunId, RunUuid);
        RequestErrors.Required(Key, "key");
    }
}

public sealed class DeleteTagRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public string? Key { get; set; }

    public static ValueTask<DeleteTagRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.DeleteTagRequest);

    public void Validate()
    {
        RequestErrors.Required(RunId, "run_id");
        RequestErrors.Required(Key, "key");
    }
}

public sealed class LogMetricRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public string? RunUuid { get; set; }
    public string? Key { get; set; }
    public double? Value { get; set; }
    public long? Timestamp { get; set; }
    public long? Step { get; set; }

    public static ValueTask<LogMetricRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.LogMetricRequest);

    public void Validate()
    {
        RunId = WireValidation.RequireRunId(RunId, RunUuid);
        RequestErrors.Required(Key, "key");
        RequestErrors.Required(Value, "value");
        RequestErrors.Required(Timestamp, "timestamp");
    }
}

public sealed class LogParamRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public string? RunUuid { get; set; }
    public string? Key { get; set; }
    public string? Value { get; set; }

    public static ValueTask<LogParamRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.LogParamRequest);

    public void Validate()
    {
        RunId = WireValidation.RequireRunId(RunId, RunUuid);
        RequestErrors.Required(Key, "key");
    }
}

public sealed class LogBatchRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public List<MetricDto>? Metrics { get; set; }
    public List<KeyValueDto>? Params { get; set; }
    public List<KeyValueDto>? Tags { get; set; }

    public static ValueTask<LogBatchRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.LogBatchRequest, LogBatchFastReader.TryRead);

    public void Validate()
    {
        RequestErrors.Required(RunId, "run_id");
        WireValidation.RequireMetricFields(Metrics);
        WireValidation.RequireKeys(Params, "params");
        WireValidation.RequireKeys(Tags, "tags");
    }
}

public sealed class LogInputsRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public List<DatasetInputDto>? Datasets { get; set; }

    public static ValueTask<LogInputsRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.LogInputsRequest);

    public void Validate()
    {
        RequestErrors.Required(RunId, "run_id");
        WireValidation.RequireDatasetFields(Datasets);
    }
}

public sealed class SearchRunsRequest : IMlflowRequest
{
    [JsonConverter(typeof(FlexibleStringListConverter))]
    public List<string>? ExperimentIds { get; set; }
    public string? Filter { get; set; }
    public ViewType? RunViewType { get; set; }
    public int? MaxResults { get; set; }
    public List<string>? OrderBy { get; set; }
    public string? PageToken { get; set; }

    public static ValueTask<SearchRunsRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SearchRunsRequest);

    public void Validate()
    {
        WireValidation.RequireDefined(RunViewType, "run_view_type");
        if (MaxResults > WireValidation.MaxSearchRunsResults)
        {
            throw RequestErrors.Invalid("max_results", $"{MaxResults} is more than {WireValidation.MaxSearchRunsResults}");
        }
    }
}

public sealed class SearchRunsResponse
{
    public List<RunDto>? Runs { get; init; }
    public string? NextPageToken { get; init; }
}
