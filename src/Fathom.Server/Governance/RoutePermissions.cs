using System.Collections.Frozen;
using Fathom.Tracking.Governance;
using static Fathom.Server.Governance.AuditSpec;
using static Fathom.Tracking.Governance.Capability;

namespace Fathom.Server.Governance;

/// <summary>
/// The one permission table: every API route (method and path under the API prefix) with who may call it, how it is
/// audited and what follows it. MLflow's auth app lets a route without a validator through; here a route without a
/// row is refused to everyone, and a test checks that every mapped route has a row.
/// </summary>
internal static partial class RoutePermissions
{
    public static FrozenDictionary<string, RouteRule> Table { get; } = Build();

    public static string Key(string method, string path) => $"{method} {path}";

    private static FrozenDictionary<string, RouteRule> Build()
    {
        var rules = new Dictionary<string, RouteRule>();
        void Add(string method, string path, RouteRule rule) => rules.Add(Key(method, path), rule);
        AddTracking(Add);
        AddArtifacts(Add);
        AddUsers(Add);
        AddPermissions(Add);
        AddRegistry(Add);
        return rules.ToFrozenDictionary();
    }

    private static void AddTracking(Action<string, string, RouteRule> add)
    {
        const string e = "/mlflow/experiments/";
        var experiment = Locate.Experiment();
        add("POST", e + "create", new(Access.AnyUser,
            new("experiment", "create", ResponseField("experiment_id"), Snapshots.Experiment, IdFromResponse: true),
            AfterSteps.GrantCreator(PermissionResource.Experiment, ResponseField("experiment_id"))));
        add("GET", e + "get", new(Access.On(experiment, Read)));
        add("GET", e + "get-by-name", new(Access.On(Locate.ExperimentByName("experiment_name"), Read)));
        add("GET", e + "search", new(Access.AnyUser, After: AfterSteps.FilterExperiments));
        add("POST", e + "search", new(Access.AnyUser, After: AfterSteps.FilterExperiments));
        add("POST", e + "update", new(Access.On(experiment, Update), ExperimentAudit("rename")));
        add("POST", e + "delete", new(Access.On(experiment, Delete), ExperimentAudit("delete")));
        add("POST", e + "restore", new(Access.On(experiment, Delete), ExperimentAudit("restore")));
        add("POST", e + "set-experiment-tag", new(Access.On(experiment, Update), ExperimentAudit("set_tag")));
        add("POST", e + "delete-experiment-tag", new(Access.On(experiment, Update), ExperimentAudit("delete_tag")));

        const string r = "/mlflow/runs/";
        var run = Locate.Run();
        add("POST", r + "create", new(Access.On(experiment, Update),
            new("run", "create", ResponseField("run", "info", "run_id"), Snapshots.Run, IdFromResponse: true)));
        add("GET", r + "get", new(Access.On(run, Read)));
        add("POST", r + "update", new(Access.On(run, Update), RunAudit("update")));
        add("POST", r + "delete", new(Access.On(run, Delete), RunAudit("delete")));
        add("POST", r + "restore", new(Access.On(run, Delete), RunAudit("restore")));
        foreach (var logging in new[] { "set-tag", "delete-tag", "log-metric", "log-parameter", "log-batch", "log-inputs" })
        {
            add("POST", r + logging, new(Access.On(run, Update)));
        }

        add("POST", r + "search", new(Access.On(Locate.Experiments("experiment_ids"), Read)));
        add("GET", "/mlflow/metrics/get-history", new(Access.On(run, Read)));
        add("GET", "/mlflow/metrics/get-history-bulk-interval", new(Access.On(Locate.Runs("run_ids"), Read)));
    }

    private static void AddArtifacts(Action<string, string, RouteRule> add)
    {
        const string proxy = "/mlflow-artifacts/artifacts";
        var path = Locate.ArtifactPath();
        add("GET", proxy, new(Access.On(path, Read)));
        add("GET", proxy + "/{**path}", new(Access.On(path, Read)));
        add("PUT", proxy + "/{**path}", new(Access.On(path, Update)));
        add("DELETE", proxy + "/{**path}", new(Access.On(path, Delete)));
        add("GET", "/mlflow/artifacts/list", new(Access.On(Locate.Run(), Read)));

        const string multipart = "/mlflow-artifacts/mpu/";
        var folder = Locate.ArtifactRoutePath();
        add("POST", multipart + "create/{**path}", new(Access.On(folder, Update)));
        add("POST", multipart + "complete/{**path}", new(Access.On(folder, Update)));
        add("POST", multipart + "abort/{**path}", new(Access.On(folder, Update)));
    }

    private static void AddUsers(Action<string, string, RouteRule> add)
    {
        const string u = "/mlflow/users/";
        add("POST", u + "create", new(Access.AdminOnly, UserAudit("create")));
        add("GET", u + "get", new(Access.Self()));
        add("PATCH", u + "update-password", new(Access.Self(), UserAudit("update_password")));
        add("PATCH", u + "update-admin", new(Access.AdminOnly, UserAudit("update_admin")));
        add("DELETE", u + "delete", new(Access.AdminOnly, UserAudit("delete")));

        const string f = "/fathom/users/";
        add("GET", f + "list", new(Access.AdminOnly));
        add("POST", f + "tokens/create", new(Access.AnyUser,
            new("api_token", "create", ResponseField("token_info", "token_id"), Snapshots.Token, IdFromResponse: true)));
        add("GET", f + "tokens/list", new(Access.AnyUser));
        add("POST", f + "tokens/revoke", new(Access.AnyUser, new("api_token", "revoke", Field("token_id"), Snapshots.Token)));
        add("GET", "/fathom/audit/search", new(Access.On(Locate.AuditedResource, Read)));
    }

    private static void AddPermissions(Action<string, string, RouteRule> add)
    {
        foreach (var (kind, prefix, field, locator) in new[]
                 {
                     (PermissionResource.Experiment, "/mlflow/experiments/permissions/", "experiment_id", Locate.Experiment()),
                     (PermissionResource.RegisteredModel, "/mlflow/registered-models/permissions/", "name", Locate.Model()),
                 })
        {
            var type = kind == PermissionResource.Experiment ? "experiment_permission" : "registered_model_permission";
            AuditSpec Audit(string action) => new(type, action, Fields(field, "username"), Snapshots.Permission(kind, field));
            add("POST", prefix + "create", new(Access.On(locator, Manage), Audit("create")));
            add("GET", prefix + "get", new(Access.On(locator, Manage)));
            add("PATCH", prefix + "update", new(Access.On(locator, Manage), Audit("update")));
            add("DELETE", prefix + "delete", new(Access.On(locator, Manage), Audit("delete")));
        }
    }

    private static AuditSpec ExperimentAudit(string action) => new("experiment", action, Field("experiment_id"), Snapshots.Experiment);

    private static AuditSpec RunAudit(string action) => new("run", action, Field("run_id"), Snapshots.Run);

    private static AuditSpec UserAudit(string action) => new("user", action, Field("username"), Snapshots.User);
}
