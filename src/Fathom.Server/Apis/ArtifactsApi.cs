using Fathom.Core.Errors;
using Fathom.Server.Artifacts;
using Fathom.Server.Wire;
using Fathom.Tracking.Artifacts;
using Fathom.Tracking.Stores;
using Microsoft.AspNetCore.Http.Features;

namespace Fathom.Server.Apis;

/// <summary>
/// MLflow's proxied artifact service (<c>{prefix}/mlflow-artifacts/artifacts[/path]</c>) and a run's artifact
/// listing (<c>{prefix}/mlflow/artifacts/list</c>). Bodies stream between the socket and the artifact repository;
/// nothing is staged on disk or held whole in memory.
/// </summary>
public static class ArtifactsApi
{
    public static IEndpointRouteBuilder MapArtifactsApi(this IEndpointRouteBuilder api)
    {
        var artifacts = api.MapGroup(ArtifactRequestPath.ServiceRoute).WithTags("Artifacts");
        artifacts.MapGet("", ListArtifacts);
        artifacts.MapGet("/{**path}", DownloadArtifact);
        // No Accepts() here: it would make routing match on Content-Type, and MLflow takes any body as the file.
        artifacts.MapPut("/{**path}", UploadArtifact);
        artifacts.MapDelete("/{**path}", DeleteArtifact);
        api.MapGet("/mlflow/artifacts/list", ListRunArtifacts).WithTags("Artifacts");
        return api;
    }

    public static async Task<EmptyResponse> UploadArtifact(string? path, HttpContext context, IArtifactRepository artifacts, CancellationToken ct)
    {
        var artifactPath = ArtifactRequestPath.Of(context, path);
        // Artifacts have no size limit, whatever limit a host sets for JSON bodies.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        await artifacts.WriteAsync(artifactPath, context.Request.Body, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<ArtifactDownloadResult> DownloadArtifact(string? path, HttpContext context, IArtifactRepository artifacts, CancellationToken ct)
    {
        var artifactPath = ArtifactRequestPath.Of(context, path);
        return new ArtifactDownloadResult(await artifacts.OpenReadAsync(artifactPath, ct), artifactPath);
    }

    public static async Task<EmptyResponse> DeleteArtifact(string? path, HttpContext context, IArtifactRepository artifacts, CancellationToken ct)
    {
        await artifacts.DeleteAsync(ArtifactRequestPath.Of(context, path), ct);
        return EmptyResponse.Instance;
    }

    /// <summary>Lists a folder of the artifacts destination; like MLflow, each entry's path is its base name.</summary>
    public static async Task<ListArtifactsResponse> ListArtifacts(string? path, IArtifactRepository artifacts, CancellationToken ct)
    {
        var files = await artifacts.ListAsync(ArtifactPath.Normalize(path), ct);
        return new ListArtifactsResponse { Files = ArtifactWire.Files(files, "") };
    }

    /// <summary>Lists a run's artifacts, resolved through its <c>mlflow-artifacts:</c> root, with run-relative paths.</summary>
    public static async Task<ListArtifactsResponse> ListRunArtifacts(ListRunArtifactsRequest request, ITrackingStore store, IArtifactRepository artifacts, CancellationToken ct)
    {
        var relative = ArtifactPath.Normalize(request.Path);
        var run = await store.GetRunAsync(request.RunId!, ct);
        if (!ProxiedArtifactUri.TryGetDestinationPath(run.Info.ArtifactUri, out var runRoot))
        {
            throw FathomException.InvalidParameter(
                $"The artifact URI '{run.Info.ArtifactUri}' of run '{request.RunId}' is not served by this server's proxied artifact service.");
        }

        var files = await artifacts.ListAsync(ArtifactPath.Join(runRoot, relative), ct);
        return new ListArtifactsResponse { RootUri = run.Info.ArtifactUri, Files = ArtifactWire.Files(files, relative) };
    }

    /// <summary>Opens the artifacts destination now, so a bad URI stops the server at start, not at the first upload.</summary>
    public static IServiceCollection AddArtifactRepository(this IServiceCollection services, string destination)
    {
        var repository = ArtifactRepositoryFactory.Create(destination);
        // A factory registration, unlike an instance one, is disposed with the container.
        return services.AddSingleton(_ => repository);
    }
}
