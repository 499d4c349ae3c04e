using Fathom.Tracking.Stores;

namespace Fathom.Server.Governance;

/// <summary>The resource locators the permission table uses: which experiment or model a request is about.</summary>
internal static class Locate
{
    /// <summary>An experiment by id; an empty id means the Default experiment "0", as MLflow's create-run reads it.</summary>
    public static ResourceLocator Experiment(string field = "experiment_id") => request =>
        Found(ResourceRef.Experiment(RequestFields.GetString(request.Context, field) is { Length: > 0 } id ? id : "0"));

    public static ResourceLocator ExperimentByName(string field) => async request =>
    {
        var store = request.Services.GetRequiredService<ITrackingStore>();
        var experiment = await store.GetExperimentByNameAsync(RequestFields.GetString(request.Context, field) ?? "", request.Ct);
        return [ResourceRef.Experiment(experiment.ExperimentId)];
    };

    public static ResourceLocator Experiments(string field) => request =>
        Found(RequestFields.GetList(request.Context, field).Select(ResourceRef.Experiment).ToArray());

    public static ResourceLocator Run(string field = "run_id") => Runs(field);

    public static ResourceLocator Runs(string field) => async request =>
    {
        var resources = new List<ResourceRef>();
        foreach (var runId in RequestFields.GetList(request.Context, field).Distinct())
        {
            resources.Add(ResourceRef.Experiment(await request.Resolver.ExperimentOfRunAsync(runId, request.Ct)));
        }

        return resources;
    };

    public static ResourceLocator Model(string field = "name") => request =>
        Found(ResourceRef.Model(RequestFields.GetString(request.Context, field) ?? ""));

    /// <summary>
    /// A proxied artifact path: runs store theirs under <c>&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts</c>, so the first
    /// segment names the experiment (MLflow's <c>_get_experiment_id_from_view_args</c>). Other paths are for admins.
    /// </summary>
    public static ResourceLocator ArtifactPath(string field = "path") => request =>
        ValueTask.FromResult(ExperimentOfArtifactPath(RequestFields.GetString(request.Context, field)));

    /// <summary>
    /// The multipart upload endpoints name the file in the body's <c>path</c>; the folder, which names the experiment,
    /// is the route's <c>path</c>.
    /// </summary>
    public static ResourceLocator ArtifactRoutePath() => request =>
        ValueTask.FromResult(ExperimentOfArtifactPath(request.Context.HttpContext.Request.RouteValues["path"] as string));

    private static IReadOnlyList<ResourceRef>? ExperimentOfArtifactPath(string? rawPath)
    {
        var segments = (rawPath ?? "").TrimStart('/').Split('/');
        var first = segments[0];
        // A dot segment could climb out of the named experiment's folder: only an admin may use one.
        var plain = !segments.Any(s => s is "." or "..");
        return plain && first.Length > 0 && first.All(char.IsAsciiDigit) ? [ResourceRef.Experiment(first)] : null;
    }

    /// <summary>
    /// The resource an audit search asks about: reading its history needs READ on it (on the experiment of a run, on
    /// the model of a version or alias). A search across resources, users or permissions is for admins.
    /// </summary>
    public static readonly ResourceLocator AuditedResource = async request =>
    {
        var id = RequestFields.GetString(request.Context, "resource_id");
        if (id is null)
        {
            return null;
        }

        return RequestFields.GetString(request.Context, "resource_type") switch
        {
            "experiment" => [ResourceRef.Experiment(id)],
            "run" => [ResourceRef.Experiment(await request.Resolver.ExperimentOfRunAsync(id, request.Ct))],
            "registered_model" => [ResourceRef.Model(id)],
            "model_version" => [ResourceRef.Model(id[..Math.Max(0, id.LastIndexOf('/'))])],
            "registered_model_alias" => [ResourceRef.Model(id[..Math.Max(0, id.LastIndexOf('@'))])],
            _ => null,
        };
    };

    private static ValueTask<IReadOnlyList<ResourceRef>?> Found(params ResourceRef[] resources) =>
        ValueTask.FromResult<IReadOnlyList<ResourceRef>?>(resources);
}
