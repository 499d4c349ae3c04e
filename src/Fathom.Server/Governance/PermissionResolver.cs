using System.Collections.Concurrent;
using Fathom.Tracking.Governance;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Governance;

/// <summary>A resource a permission is granted on: an experiment (by id) or a registered model (by name).</summary>
internal readonly record struct ResourceRef(PermissionResource Kind, string Id)
{
    public static ResourceRef Experiment(string id) => new(PermissionResource.Experiment, id);

    public static ResourceRef Model(string name) => new(PermissionResource.RegisteredModel, name);
}

/// <summary>
/// A caller's effective permission, as MLflow's auth app computes it: admins may do anything; otherwise the user's
/// explicit grant on the resource, or the server's default permission when there is none.
/// </summary>
internal sealed class PermissionResolver(IAuthStore auth, IOptions<FathomServerOptions> options)
{
    // A run never moves to another experiment, so this cache is never stale; the bound keeps memory flat.
    private const int MaxCachedRuns = 100_000;
    private readonly ConcurrentDictionary<string, string> _runExperiments = new();

    public Permission Default { get; } = Permission.Parse(options.Value.DefaultPermission);

    public async ValueTask<Permission> EffectiveAsync(Caller caller, ResourceRef resource, CancellationToken ct)
    {
        if (caller.IsAdmin)
        {
            return Permission.Manage;
        }

        var grant = await auth.FindPermissionAsync(resource.Kind, resource.Id, caller.Username!, ct);
        return grant?.Permission ?? Default;
    }

    public async ValueTask<bool> AllowsAsync(Caller caller, ResourceRef resource, Capability capability, CancellationToken ct) =>
        (await EffectiveAsync(caller, resource, ct)).Allows(capability);

    /// <summary>The experiment a run belongs to; RESOURCE_DOES_NOT_EXIST for an unknown run, as MLflow answers.</summary>
    public async ValueTask<string> ExperimentOfRunAsync(string runId, CancellationToken ct)
    {
        if (_runExperiments.TryGetValue(runId, out var cached))
        {
            return cached;
        }

        var experimentId = await auth.GetRunExperimentIdAsync(runId, ct);
        if (_runExperiments.Count >= MaxCachedRuns)
        {
            _runExperiments.Clear();
        }

        _runExperiments[runId] = experimentId;
        return experimentId;
    }
}
