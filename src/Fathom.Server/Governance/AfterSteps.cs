using Fathom.Core.Errors;
using Fathom.Server.Wire;
using Fathom.Tracking.Governance;

namespace Fathom.Server.Governance;

/// <summary>MLflow's after-request handlers: the creator of a resource manages it; searches show only what the caller may read.</summary>
internal static class AfterSteps
{
    /// <summary>Grants MANAGE on the new resource to its (authenticated) creator, and records the grant.</summary>
    public static AfterStep GrantCreator(PermissionResource kind, IdSelector id) => async (request, response) =>
    {
        if (!request.Caller.IsAuthenticated || id(request.Context, response) is not { } resourceId)
        {
            return;
        }

        var auth = request.Services.GetRequiredService<IAuthStore>();
        try
        {
            await auth.CreatePermissionAsync(kind, resourceId, request.Caller.Username!, Permission.Manage, request.Ct);
        }
        catch (FathomException e) when (e.Code == ErrorCode.RESOURCE_ALREADY_EXISTS)
        {
            await auth.UpdatePermissionAsync(kind, resourceId, request.Caller.Username!, Permission.Manage, request.Ct);
        }

        var type = kind == PermissionResource.Experiment ? "experiment_permission" : "registered_model_permission";
        var after = new PermissionSnapshot { ResourceId = resourceId, Username = request.Caller.Username!, Permission = Permission.Manage.Name };
        await request.Services.GetRequiredService<AuditRecorder>().AppendAsync(
            request.Context.HttpContext, type, "grant_creator", $"{resourceId}/{request.Caller.Username}", null, after, request.Ct);
    };

    /// <summary>Drops the experiments the caller may not read from a search page (MLflow's <c>filter_search_experiments</c>).</summary>
    public static readonly AfterStep FilterExperiments = FilterReadable("experiments", "experiment_id", PermissionResource.Experiment);

    /// <summary>
    /// Drops the items of a search page's list (<paramref name="listField"/>) whose resource (<paramref name="idField"/>
    /// of each item) the caller may not read.
    /// </summary>
    public static AfterStep FilterReadable(string listField, string idField, PermissionResource kind) => async (request, response) =>
    {
        if (request.Caller.IsAdmin || RequestFields.Read(response, listField) is not System.Collections.IList items)
        {
            return;
        }

        for (var i = items.Count - 1; i >= 0; i--)
        {
            var id = RequestFields.Read(items[i], idField) as string ?? "";
            if (!await request.Resolver.AllowsAsync(request.Caller, new ResourceRef(kind, id), Capability.Read, request.Ct))
            {
                items.RemoveAt(i);
            }
        }
    };

    /// <summary>A renamed model keeps its grants (MLflow's <c>rename_registered_model_permission</c>).</summary>
    public static readonly AfterStep RenameModelPermissions = (request, _) =>
        request.Services.GetRequiredService<IAuthStore>().RenameModelPermissionsAsync(
            RequestFields.GetString(request.Context, "name")!, RequestFields.GetString(request.Context, "new_name")!, request.Ct);

    /// <summary>A deleted model's grants go with it (MLflow's <c>delete_registered_model_permissions</c>).</summary>
    public static readonly AfterStep DeleteModelPermissions = (request, _) =>
        request.Services.GetRequiredService<IAuthStore>().DeleteModelPermissionsAsync(RequestFields.GetString(request.Context, "name")!, request.Ct);

    /// <summary>Several steps in order.</summary>
    public static AfterStep All(params AfterStep[] steps) => async (request, response) =>
    {
        foreach (var step in steps)
        {
            await step(request, response);
        }
    };
}
