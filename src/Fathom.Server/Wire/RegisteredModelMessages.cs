using Fathom.Server.Requests;

namespace Fathom.Server.Wire;

// Request and response messages of the registered-model endpoints (model_registry.proto). Each request binds itself
// through MlflowRequestReader and checks its required fields as MLflow's handler schema does.

public sealed class CreateRegisteredModelRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public List<KeyValueDto>? Tags { get; set; }
    public string? Description { get; set; }

    public static ValueTask<CreateRegisteredModelRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.CreateRegisteredModelRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        WireValidation.RequireKeys(Tags, "tags");
    }
}

public sealed class RegisteredModelResponse
{
    public required RegisteredModelDto RegisteredModel { get; init; }
}

/// <summary>The message of registered-models/get and registered-models/delete: just the name.</summary>
public sealed class RegisteredModelNameRequest : IMlflowRequest
{
    public string? Name { get; set; }

    public static ValueTask<RegisteredModelNameRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.RegisteredModelNameRequest);

    public void Validate() => RequestErrors.Required(Name, "name");
}

public sealed class RenameRegisteredModelRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? NewName { get; set; }

    public static ValueTask<RenameRegisteredModelRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.RenameRegisteredModelRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(NewName, "new_name");
    }
}

public sealed class UpdateRegisteredModelRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? Description { get; set; }

    public static ValueTask<UpdateRegisteredModelRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.UpdateRegisteredModelRequest);

    public void Validate() => RequestErrors.Required(Name, "name");
}

public sealed class SearchRegisteredModelsRequest : IMlflowRequest
{
    /// <summary>MLflow's handler refuses more (the proto's default is 100).</summary>
    public const int MaxResultsLimit = 1000;

    public string? Filter { get; set; }
    public long? MaxResults { get; set; }
    public List<string>? OrderBy { get; set; }
    public string? PageToken { get; set; }

    public static ValueTask<SearchRegisteredModelsRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SearchRegisteredModelsRequest);

    public void Validate()
    {
        if (MaxResults > MaxResultsLimit)
        {
            throw RequestErrors.Invalid("max_results", $"{MaxResults} is more than {MaxResultsLimit}");
        }
    }
}

public sealed class SearchRegisteredModelsResponse
{
    public List<RegisteredModelDto>? RegisteredModels { get; init; }
    public string? NextPageToken { get; init; }
}

public sealed class GetLatestVersionsRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public List<string>? Stages { get; set; }

    public static ValueTask<GetLatestVersionsRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.GetLatestVersionsRequest);

    public void Validate() => RequestErrors.Required(Name, "name");
}

/// <summary>The reply of get-latest-versions (the versions are always a list, possibly omitted when empty).</summary>
public sealed class ModelVersionsResponse
{
    public List<ModelVersionDto>? ModelVersions { get; init; }
}

public sealed class SetRegisteredModelTagRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? Key { get; set; }
    public string? Value { get; set; }

    public static ValueTask<SetRegisteredModelTagRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SetRegisteredModelTagRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Key, "key");
    }
}

public sealed class DeleteRegisteredModelTagRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? Key { get; set; }

    public static ValueTask<DeleteRegisteredModelTagRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.DeleteRegisteredModelTagRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Key, "key");
    }
}

public sealed class SetRegisteredModelAliasRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? Alias { get; set; }

    [System.Text.Json.Serialization.JsonConverter(typeof(FlexibleStringConverter))]
    public string? Version { get; set; }

    public static ValueTask<SetRegisteredModelAliasRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.SetRegisteredModelAliasRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Alias, "alias");
        RequestErrors.Required(Version, "version");
    }
}

/// <summary>The message of DELETE and GET registered-models/alias: a model name and an alias.</summary>
public sealed class RegisteredModelAliasRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? Alias { get; set; }

    public static ValueTask<RegisteredModelAliasRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.RegisteredModelAliasRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Alias, "alias");
    }
}
