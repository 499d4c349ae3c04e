using Fathom.Tracking.Entities;

namespace Fathom.Server.Wire;

// MLflow's protobuf entities (service.proto) in their JSON shape. Nullable members are proto2 optional fields:
// null means "not set" and is omitted from the output, exactly as MLflow's message_to_json omits unset fields
// and empty repeated fields. Properties are declared in proto field-number order, the order MLflow writes them.

public sealed class KeyValueDto
{
    public string? Key { get; set; }
    public string? Value { get; set; }
}

public sealed class ExperimentDto
{
    public string? ExperimentId { get; set; }
    public string? Name { get; set; }
    public string? ArtifactLocation { get; set; }
    public string? LifecycleStage { get; set; }
    public long? LastUpdateTime { get; set; }
    public long? CreationTime { get; set; }
    public List<KeyValueDto>? Tags { get; set; }
}

public sealed class MetricDto
{
    public string? Key { get; set; }
    public double? Value { get; set; }
    public long? Timestamp { get; set; }
    public long? Step { get; set; }
}

public sealed class MetricWithRunIdDto
{
    public string? Key { get; set; }
    public double? Value { get; set; }
    public long? Timestamp { get; set; }
    public long? Step { get; set; }
    public string? RunId { get; set; }
}

public sealed class RunInfoDto
{
    public string? RunUuid { get; set; }
    public string? ExperimentId { get; set; }
    public string? RunName { get; set; }
    public string? UserId { get; set; }
    public RunStatus? Status { get; set; }
    public long? StartTime { get; set; }
    public long? EndTime { get; set; }
    public string? ArtifactUri { get; set; }
    public string? LifecycleStage { get; set; }
    public string? RunId { get; set; }
}

public sealed class RunDataDto
{
    public List<MetricDto>? Metrics { get; set; }
    public List<KeyValueDto>? Params { get; set; }
    public List<KeyValueDto>? Tags { get; set; }
}

public sealed class DatasetDto
{
    public string? Name { get; set; }
    public string? Digest { get; set; }
    public string? SourceType { get; set; }
    public string? Source { get; set; }
    public string? Schema { get; set; }
    public string? Profile { get; set; }
}

public sealed class DatasetInputDto
{
    public List<KeyValueDto>? Tags { get; set; }
    public DatasetDto? Dataset { get; set; }
}

public sealed class RunInputsDto
{
    public List<DatasetInputDto>? DatasetInputs { get; set; }
}

public sealed class RunDto
{
    public RunInfoDto? Info { get; set; }
    public RunDataDto? Data { get; set; }
    public RunInputsDto? Inputs { get; set; }
}

/// <summary>MLflow's error body: <c>{"error_code": "...", "message": "..."}</c>.</summary>
public sealed class ErrorResponse
{
    public required string ErrorCode { get; init; }
    public required string Message { get; init; }
}

/// <summary>The body of every MLflow call that returns nothing: <c>{}</c>.</summary>
public sealed class EmptyResponse
{
    public static EmptyResponse Instance { get; } = new();
}
