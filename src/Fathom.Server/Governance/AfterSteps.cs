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
    public static readonly AfterStep FilterExperiments = async (request, response) =>
    {
        if (request.Caller.IsAdmin || response is not SearchExperimentsResponse { Experiments: { } experiments })
        {
            return;
        }

        var readable = new List<ExperimentDto>(experiments.Count);
        foreach (var experiment in experiments)
        {
            if (await request.Resolver.AllowsAsync(request.Caller, ResourceRef.Experiment(experiment.ExperimentId!), Capability.Read, request.Ct))
            {
                readable.Add(experiment);
            }
        }

        experiments.Clear();
        experiments.AddRange(readable);
    };
}
