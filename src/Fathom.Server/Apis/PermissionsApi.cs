using Fathom.Core.Errors;
using Fathom.Server.Governance;
using Fathom.Server.Wire;
using Fathom.Tracking.Governance;

namespace Fathom.Server.Apis;

/// <summary>
/// MLflow's auth app permission endpoints for experiments and registered models
/// (<c>{prefix}/mlflow/experiments/permissions/*</c>, <c>{prefix}/mlflow/registered-models/permissions/*</c>).
/// Callers need MANAGE on the resource (checked by <see cref="RoutePermissions"/>).
/// </summary>
internal static class PermissionsApi
{
    public static IEndpointRouteBuilder MapPermissionsApi(this IEndpointRouteBuilder api)
    {
        var experiments = api.MapGroup("/mlflow/experiments/permissions").WithTags("Permissions");
        experiments.MapPost("/create", CreateExperimentPermission);
        experiments.MapGet("/get", GetExperimentPermission);
        experiments.MapPatch("/update", UpdateExperimentPermission);
        experiments.MapDelete("/delete", DeleteExperimentPermission);
        var models = api.MapGroup("/mlflow/registered-models/permissions").WithTags("Permissions");
        models.MapPost("/create", CreateModelPermission);
        models.MapGet("/get", GetModelPermission);
        models.MapPatch("/update", UpdateModelPermission);
        models.MapDelete("/delete", DeleteModelPermission);
        return api;
    }

    public static async Task<ExperimentPermissionResponse> CreateExperimentPermission(ExperimentPermissionRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        var grant = await auth.CreatePermissionAsync(PermissionResource.Experiment, request.ExperimentId!, request.Username!, ParseRequired(request.Permission), ct);
        return new ExperimentPermissionResponse { ExperimentPermission = ToExperimentWire(grant) };
    }

    public static async Task<ExperimentPermissionResponse> GetExperimentPermission(ExperimentPermissionRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        var grant = await RequireAsync(auth, PermissionResource.Experiment, request.ExperimentId!, request.Username!, ct);
        return new ExperimentPermissionResponse { ExperimentPermission = ToExperimentWire(grant) };
    }

    public static async Task<EmptyResponse> UpdateExperimentPermission(ExperimentPermissionRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        await auth.UpdatePermissionAsync(PermissionResource.Experiment, request.ExperimentId!, request.Username!, ParseRequired(request.Permission), ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteExperimentPermission(ExperimentPermissionRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        await auth.DeletePermissionAsync(PermissionResource.Experiment, request.ExperimentId!, request.Username!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<RegisteredModelPermissionResponse> CreateModelPermission(RegisteredModelPermissionRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        var grant = await auth.CreatePermissionAsync(PermissionResource.RegisteredModel, request.Name!, request.Username!, ParseRequired(request.Permission), ct);
        return new RegisteredModelPermissionResponse { RegisteredModelPermission = ToModelWire(grant) };
    }

    public static async Task<RegisteredModelPermissionResponse> GetModelPermission(RegisteredModelPermissionRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        var grant = await RequireAsync(auth, PermissionResource.RegisteredModel, request.Name!, request.Username!, ct);
        return new RegisteredModelPermissionResponse { RegisteredModelPermission = ToModelWire(grant) };
    }

    public static async Task<EmptyResponse> UpdateModelPermission(RegisteredModelPermissionRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        await auth.UpdatePermissionAsync(PermissionResource.RegisteredModel, request.Name!, request.Username!, ParseRequired(request.Permission), ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteModelPermission(RegisteredModelPermissionRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        await auth.DeletePermissionAsync(PermissionResource.RegisteredModel, request.Name!, request.Username!, ct);
        return EmptyResponse.Instance;
    }

    internal static ExperimentPermissionDto ToExperimentWire(ResourcePermission p) =>
        new() { ExperimentId = p.ResourceId, UserId = p.UserId, Permission = p.Permission.Name };

    internal static RegisteredModelPermissionDto ToModelWire(ResourcePermission p) =>
        new() { Name = p.ResourceId, UserId = p.UserId, Permission = p.Permission.Name };

    private static Permission ParseRequired(string? permission) =>
        Permission.Parse(string.IsNullOrEmpty(permission) ? throw Requests.RequestErrors.Missing("permission") : permission);

    private static async Task<ResourcePermission> RequireAsync(IAuthStore auth, PermissionResource kind, string resourceId, string username, CancellationToken ct)
    {
        await UsersApi.RequireAsync(auth, username, ct);
        return await auth.FindPermissionAsync(kind, resourceId, username, ct) ?? throw FathomException.NotFound(kind == PermissionResource.Experiment
            ? $"Experiment permission with experiment_id={resourceId} and username={username} not found"
            : $"Registered model permission with name={resourceId} and username={username} not found");
    }
}
