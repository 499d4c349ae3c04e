using Fathom.Server.Wire;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Apis;

/// <summary>MLflow's registered model endpoints: <c>{prefix}/mlflow/registered-models/*</c>, with MLflow's HTTP methods.</summary>
public static class RegisteredModelsApi
{
    public static RouteGroupBuilder MapRegisteredModelsApi(this IEndpointRouteBuilder api)
    {
        var models = api.MapGroup("/mlflow/registered-models").WithTags("Registered models");
        models.MapPost("/create", CreateRegisteredModel);
        models.MapGet("/get", GetRegisteredModel);
        models.MapPost("/rename", RenameRegisteredModel);
        models.MapPatch("/update", UpdateRegisteredModel);
        models.MapDelete("/delete", DeleteRegisteredModel);
        models.MapGet("/search", SearchRegisteredModels);
        models.MapMethods("/get-latest-versions", [HttpMethods.Get, HttpMethods.Post], GetLatestVersions);
        models.MapPost("/set-tag", SetRegisteredModelTag);
        models.MapDelete("/delete-tag", DeleteRegisteredModelTag);
        models.MapPost("/alias", SetRegisteredModelAlias);
        models.MapDelete("/alias", DeleteRegisteredModelAlias);
        models.MapGet("/alias", GetModelVersionByAlias);
        return models;
    }

    // Absent optional strings are "" as protobuf's defaults are, which is what MLflow's store receives.
    public static async Task<RegisteredModelResponse> CreateRegisteredModel(
        CreateRegisteredModelRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { RegisteredModel = (await registry.CreateRegisteredModelAsync(request.Name!, WireMapper.ToTags(request.Tags), request.Description ?? "", ct)).ToWire() };

    public static async Task<RegisteredModelResponse> GetRegisteredModel(
        RegisteredModelNameRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { RegisteredModel = (await registry.GetRegisteredModelAsync(request.Name!, ct)).ToWire() };

    public static async Task<RegisteredModelResponse> RenameRegisteredModel(
        RenameRegisteredModelRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { RegisteredModel = (await registry.RenameRegisteredModelAsync(request.Name!, request.NewName!, ct)).ToWire() };

    public static async Task<RegisteredModelResponse> UpdateRegisteredModel(
        UpdateRegisteredModelRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { RegisteredModel = (await registry.UpdateRegisteredModelAsync(request.Name!, request.Description ?? "", ct)).ToWire() };

    public static async Task<EmptyResponse> DeleteRegisteredModel(RegisteredModelNameRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        await registry.DeleteRegisteredModelAsync(request.Name!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<SearchRegisteredModelsResponse> SearchRegisteredModels(
        SearchRegisteredModelsRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        var search = new RegisteredModelSearch(
            string.IsNullOrEmpty(request.Filter) ? null : request.Filter,
            request.MaxResults is { } max ? (int)Math.Clamp(max, int.MinValue, int.MaxValue) : new RegisteredModelSearch().MaxResults,
            request.OrderBy,
            string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken);
        var page = await registry.SearchRegisteredModelsAsync(search, ct);
        return new SearchRegisteredModelsResponse
        {
            RegisteredModels = WireMapper.NullIfEmpty(page.Items, m => m.ToWire()),
            NextPageToken = page.NextPageToken,
        };
    }

    public static async Task<ModelVersionsResponse> GetLatestVersions(GetLatestVersionsRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { ModelVersions = RegistryWireMapper.ToWire(await registry.GetLatestVersionsAsync(request.Name!, request.Stages, ct)) };

    public static async Task<EmptyResponse> SetRegisteredModelTag(SetRegisteredModelTagRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        await registry.SetRegisteredModelTagAsync(request.Name!, new(request.Key!, request.Value ?? ""), ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteRegisteredModelTag(DeleteRegisteredModelTagRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        await registry.DeleteRegisteredModelTagAsync(request.Name!, request.Key!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> SetRegisteredModelAlias(SetRegisteredModelAliasRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        await registry.SetRegisteredModelAliasAsync(request.Name!, request.Alias!, request.Version!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteRegisteredModelAlias(RegisteredModelAliasRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        await registry.DeleteRegisteredModelAliasAsync(request.Name!, request.Alias!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<ModelVersionResponse> GetModelVersionByAlias(RegisteredModelAliasRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { ModelVersion = (await registry.GetModelVersionByAliasAsync(request.Name!, request.Alias!, ct)).ToWire() };
}
