using Fathom.Core.Errors;
using Fathom.Server.Requests;

namespace Fathom.Server.Wire;

// Request and response messages of the metric history endpoints (service.proto).

public sealed class GetMetricHistoryRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public string? RunUuid { get; set; }
    public string? MetricKey { get; set; }
    public string? PageToken { get; set; }
    public int? MaxResults { get; set; }

    public static ValueTask<GetMetricHistoryRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.GetMetricHistoryRequest);

    public void Validate()
    {
        RunId = WireValidation.RequireRunId(RunId, RunUuid);
        RequestErrors.Required(MetricKey, "metric_key");
    }
}

public sealed class GetMetricHistoryResponse
{
    public List<MetricDto>? Metrics { get; init; }
    public string? NextPageToken { get; init; }
}

public sealed class GetMetricHistoryBulkIntervalRequest : IMlflowRequest
{
    /// <summary>MLflow's limits (handlers.py): at most 100 runs, at most 2500 points per run.</summary>
    public const int MaxRuns = 100;
    public const int MaxResultsPerRun = 2500;

    public List<string>? RunIds { get; set; }
    public string? MetricKey { get; set; }
    public long? StartStep { get; set; }
    public long? EndStep { get; set; }
    public int? MaxResults { get; set; }

    public static ValueTask<GetMetricHistoryBulkIntervalRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.GetMetricHistoryBulkIntervalRequest);

    public void Validate()
    {
        if (RunIds is null || RunIds.Count == 0)
        {
            throw RequestErrors.Missing("run_ids");
        }

        if (RunIds.Count > MaxRuns)
        {
            throw FathomException.InvalidParameter(
                $"GetMetricHistoryBulkInterval request must specify at most {MaxRuns} run_ids. Received {RunIds.Count} run_ids.");
        }

        RequestErrors.Required(MetricKey, "metric_key");
        if (MaxResults is < 1 or > MaxResultsPerRun)
        {
            throw FathomException.InvalidParameter($"max_results must be between 1 and {MaxResultsPerRun}.");
        }

        if (StartStep.HasValue != EndStep.HasValue)
        {
            throw FathomException.InvalidParameter(
                "If either start step or end step are specified, both must be specified.");
        }

        if (StartStep > EndStep)
        {
            throw FathomException.InvalidParameter(
                $"end_step must be greater than start_step. Found start_step={StartStep} and end_step={EndStep}.");
        }
    }
}

public sealed class GetMetricHistoryBulkIntervalResponse
{
    public List<MetricWithRunIdDto>? Metrics { get; init; }
}
