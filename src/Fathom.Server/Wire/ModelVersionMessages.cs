using System.Text.Json.Serialization;
using Fathom.Server.Requests;

namespace Fathom.Server.Wire;

// Request and response messages of the model-version endpoints (model_registry.proto). Versions are strings on the
// wire; a JSON number is accepted too.

public sealed class CreateModelVersionRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? Source { get; set; }
    public string? RunId { get; set; }
    public List<KeyValueDto>? Tags { get; set; }
    public string? RunLink { get; set; }
    public string? Description { get; set; }

    public static ValueTask<CreateModelVersionRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.CreateModelVersionRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Source, "source");
        WireValidation.RequireKeys(Tags, "tags");
    }
}

public sealed class ModelVersionResponse
{
    public required ModelVersionDto ModelVersion { get; init; }
}

/// <summary>The message of get, delete and get-download-uri: a model name and a version.</summary>
public sealed class ModelVersionRequest : IMlflowRequest
{
    public string? Name { get; set; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Version { get; set; }

    public static ValueTask<ModelVersionRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.ModelVersionRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Version, "version");
    }
}

public sealed class UpdateModelVersionRequest : IMlflowRequest
{
    public string? Name { get; set; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Version { get; set; }
    public string? Description { get; set; }

    public static ValueTask<UpdateModelVersionRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.UpdateModelVersionRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Version, "version");
    }
}

public sealed class TransitionModelVersionStageRequest : IMlflowRequest
{
    public string? Name { get; set; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Version { get; set; }
    public string? Stage { get; set; }
    public bool? ArchiveExistingVersions { get; set; }

    public static ValueTask<TransitionModelVersionStageRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.TransitionModelVersionStageRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Version, "version");
        RequestErrors.Required(Stage, "stage");
    }
}

public sealed class SearchModelVersionsRequest : IMlflowRequest
{
    /// <summary>MLflow's handler refuses more; it is also the proto's default.</summary>
    public const int MaxResultsLimit = 200_000;

    public string? Filter { get; set; }
    public long? MaxResults { get; set; }
    public List<string>? OrderBy { get; set; }
    public string? PageToken { get; set; }

    public static ValueTask<SearchModelVersionsRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SearchModelVersionsRequest);

    public void Validate()
    {
        if (MaxResults > MaxResultsLimit)
        {
            throw RequestErrors.Invalid("max_results", $"{MaxResults} is more than {MaxResultsLimit}");
        }
    }
}

public sealed class SearchModelVersionsResponse
{
    public List<ModelVersionDto>? ModelVersions { get; init; }
    public string? NextPageToken { get; init; }
}

public sealed class GetModelVersionDownloadUriResponse
{
    public required string ArtifactUri { get; init; }
}

public sealed class SetModelVersionTagRequest : IMlflowRequest
{
    public string? Name { get; set; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Version { get; set; }
    public string? Key { get; set; }
    public string? Value { get; set; }

    public static ValueTask<SetModelVersionTagRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SetModelVersionTagRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Version, "version");
        RequestErrors.Required(Key, "key");
    }
}

public sealed class DeleteModelVersionTagRequest : IMlflowRequest
{
    public string? Name { get; set; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Version { get; set; }
    public string? Key { get; set; }

    public static ValueTask<DeleteModelVersionTagRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.DeleteModelVersionTagRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Version, "version");
        RequestErrors.Required(Key, "key");
    }
}
