using System.Text.Json.Serialization;
using Fathom.Server.Requests;
using Fathom.Tracking.Entities;

namespace Fathom.Server.Wire;

// Request and response messages of the experiment endpoints (service.proto). Each request binds itself from the
// HTTP request through MlflowRequestReader and checks its required fields as MLflow's handler schema does.

public sealed class CreateExperimentRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? ArtifactLocation { get; set; }
    public List<KeyValueDto>? Tags { get; set; }

    public static ValueTask<CreateExperimentRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.CreateExperimentRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        WireValidation.RequireKeys(Tags, "tags");
    }
}

public sealed class CreateExperimentResponse
{
    public required string ExperimentId { get; init; }
}

public sealed class GetExperimentRequest : IMlflowRequest
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ExperimentId { get; set; }

    public static ValueTask<GetExperimentRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.GetExperimentRequest);

    public void Validate() => RequestErrors.Required(ExperimentId, "experiment_id");
}

public sealed class GetExperimentByNameRequest : IMlflowRequest
{
    public string? ExperimentName { get; set; }

    public static ValueTask<GetExperimentByNameRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.GetExperimentByNameRequest);

    public void Validate() => RequestErrors.Required(ExperimentName, "experiment_name");
}

public sealed class ExperimentResponse
{
    public required ExperimentDto Experiment { get; init; }
}

public sealed class SearchExperimentsRequest : IMlflowRequest
{
    public long? MaxResults { get; set; }
    public string? PageToken { get; set; }
    public string? Filter { get; set; }
    public List<string>? OrderBy { get; set; }
    public ViewType? ViewType { get; set; }

    public static ValueTask<SearchExperimentsRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SearchExperimentsRequest);

    public void Validate() => WireValidation.RequireDefined(ViewType, "view_type");
}

public sealed class SearchExperimentsResponse
{
    public List<ExperimentDto>? Experiments { get; init; }
    public string? NextPageToken { get; init; }
}

/// <summary>The body of experiments/delete and experiments/restore.</summary>
public sealed class ExperimentIdRequest : IMlflowRequest
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ExperimentId { get; set; }

    public static ValueTask<ExperimentIdRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.ExperimentIdRequest);

    public void Validate() => RequestErrors.Required(ExperimentId, "experiment_id");
}

public sealed class UpdateExperimentRequest : IMlflowRequest
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ExperimentId { get; set; }
    public string? NewName { get; set; }

    public static ValueTask<UpdateExperimentRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.UpdateExperimentRequest);

    public void Validate()
    {
        RequestErrors.Required(ExperimentId, "experiment_id");
        RequestErrors.Required(NewName, "new_name");
    }
}

public sealed class SetExperimentTagRequest : IMlflowRequest
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ExperimentId { get; set; }
    public string? Key { get; set; }
    public string? Value { get; set; }

    public static ValueTask<SetExperimentTagRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SetExperimentTagRequest);

    public void Validate()
    {
        RequestErrors.Required(ExperimentId, "experiment_id");
        RequestErrors.Required(Key, "key");
    }
}

public sealed class DeleteExperimentTagRequest : IMlflowRequest
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ExperimentId { get; set; }
    public string? Key { get; set; }

    public static ValueTask<DeleteExperimentTagRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.DeleteExperimentTagRequest);

    public void Validate()
    {
        RequestErrors.Required(ExperimentId, "experiment_id");
        RequestErrors.Required(Key, "key");
    }
}
