using Fathom.Server.Registry;
using Fathom.Server.Wire;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Apis;

/// <summary>MLflow's model version endpoints: <c>{prefix}/mlflow/model-versions/*</c>, with MLflow's HTTP methods.</summary>
public static class ModelVersionsApi
{
    public static RouteGroupBuilder MapModelVersionsApi(this IEndpointRouteBuilder api)
    {
        var versions = api.MapGroup("/mlflow/model-versions").WithTags("Model versions");
        versions.MapPost("/create", CreateModelVersion);
        versions.MapGet("/get", GetModelVersion);
        versions.MapPatch("/update", UpdateModelVersion);
        versions.MapDelete("/delete", DeleteModelVersion);
        versions.MapGet("/search", SearchModelVersions);
        versions.MapPost("/set-tag", SetModelVersionTag);
        versions.MapDelete("/delete-tag", DeleteModelVersionTag);
        versions.MapGet("/get-download-uri", GetModelVersionDownloadUri);
        versions.MapPost("/transition-stage", TransitionModelVersionStage);
        return versions;
    }

    /// <summary>The source is checked first as MLflow's handler does: no path tricks, local paths only inside the run.</summary>
    public static async Task<ModelVersionResponse> CreateModelVersion(
        CreateModelVersionRequest request, IModelRegistryStore registry, ITrackingStore tracking, CancellationToken ct)
    {
        await ModelVersionSource.ValidateAsync(request.Source!, request.RunId, tracking, ct);
        var version = await registry.CreateModelVersionAsync(new NewModelVersion(
            request.Name!, request.Source!, request.RunId ?? "", WireMapper.ToTags(request.Tags), request.RunLink ?? "", request.Description ?? ""), ct);
        return new ModelVersionResponse { ModelVersion = version.ToWire() };
    }

    public static async Task<ModelVersionResponse> GetModelVersion(ModelVersionRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { ModelVersion = (await registry.GetModelVersionAsync(request.Name!, request.Version!, ct)).ToWire() };

    public static async Task<ModelVersionResponse> UpdateModelVersion(UpdateModelVersionRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { ModelVersion = (await registry.UpdateModelVersionAsync(request.Name!, request.Version!, request.Description, ct)).ToWire() };

    public static async Task<EmptyResponse> DeleteModelVersion(ModelVersionRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        await registry.DeleteModelVersionAsync(request.Name!, request.Version!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<SearchModelVersionsResponse> SearchModelVersions(
        SearchModelVersionsRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        var search = new ModelVersionSearch(
            string.IsNullOrEmpty(request.Filter) ? null : request.Filter,
            request.MaxResults is { } max ? (int)Math.Clamp(max, int.MinValue, int.MaxValue) : SearchModelVersionsRequest.MaxResultsLimit,
            request.OrderBy,
            string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken);
        var page = await registry.SearchModelVersionsAsync(search, ct);
        return new SearchModelVersionsResponse { ModelVersions = RegistryWireMapper.ToWire(page.Items), NextPageToken = page.NextPageToken };
    }

    public static async Task<EmptyResponse> SetModelVersionTag(SetModelVersionTagRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        await registry.SetModelVersionTagAsync(request.Name!, request.Version!, new(request.Key!, request.Value ?? ""), ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteModelVersionTag(DeleteModelVersionTagRequest request, IModelRegistryStore registry, CancellationToken ct)
    {
        await registry.DeleteModelVersionTagAsync(request.Name!, request.Version!, request.Key!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<GetModelVersionDownloadUriResponse> GetModelVersionDownloadUri(
        ModelVersionRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new() { ArtifactUri = await registry.GetModelVersionDownloadUriAsync(request.Name!, request.Version!, ct) };

    public static async Task<ModelVersionResponse> TransitionModelVersionStage(
        TransitionModelVersionStageRequest request, IModelRegistryStore registry, CancellationToken ct) =>
        new()
        {
            ModelVersion = (await registry.TransitionModelVersionStageAsync(
                request.Name!, request.Version!, request.Stage!, request.ArchiveExistingVersions ?? false, ct)).ToWire(),
        };
}
