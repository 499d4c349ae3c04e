using Fathom.Tracking.Governance;
using static Fathom.Server.Governance.AuditSpec;
using static Fathom.Tracking.Governance.Capability;

namespace Fathom.Server.Governance;

internal static partial class RoutePermissions
{
    /// <summary>
    /// The model registry's routes, with MLflow 2.17's validators: reads need READ on the model, changes EDIT, deletes
    /// (of a model, a version, a version tag or an alias) MANAGE; creating a model needs only a user, who then manages it.
    /// </summary>
    private static void AddRegistry(Action<string, string, RouteRule> add)
    {
        const string m = "/mlflow/registered-models/";
        var model = Locate.Model();
        add("POST", m + "create", new(Access.AnyUser, ModelAudit("create"),
            AfterSteps.GrantCreator(PermissionResource.RegisteredModel, Field("name"))));
        add("GET", m + "get", new(Access.On(model, Read)));
        add("POST", m + "rename", new(Access.On(model, Update), ModelAudit("rename") with { AfterResourceId = Field("new_name") },
            AfterSteps.RenameModelPermissions));
        add("PATCH", m + "update", new(Access.On(model, Update), ModelAudit("update")));
        add("DELETE", m + "delete", new(Access.On(model, Delete), ModelAudit("delete"), AfterSteps.DeleteModelPermissions));
        add("GET", m + "search", new(Access.AnyUser,
            After: AfterSteps.FilterReadable("registered_models", "name", PermissionResource.RegisteredModel)));
        add("GET", m + "get-latest-versions", new(Access.On(model, Read)));
        add("POST", m + "get-latest-versions", new(Access.On(model, Read)));
        add("POST", m + "set-tag", new(Access.On(model, Update), ModelAudit("set_tag")));
        add("DELETE", m + "delete-tag", new(Access.On(model, Update), ModelAudit("delete_tag")));
        add("POST", m + "alias", new(Access.On(model, Update), AliasAudit("set_alias")));
        add("DELETE", m + "alias", new(Access.On(model, Delete), AliasAudit("delete_alias")));
        add("GET", m + "alias", new(Access.On(model, Read)));

        const string v = "/mlflow/model-versions/";
        add("POST", v + "create", new(Access.On(model, Update),
            new("model_version", "create", VersionFromResponse, Snapshots.ModelVersion, IdFromResponse: true)));
        add("GET", v + "get", new(Access.On(model, Read)));
        add("PATCH", v + "update", new(Access.On(model, Update), VersionAudit("update")));
        add("DELETE", v + "delete", new(Access.On(model, Delete), VersionAudit("delete")));
        add("GET", v + "search", new(Access.AnyUser,
            After: AfterSteps.FilterReadable("model_versions", "name", PermissionResource.RegisteredModel)));
        add("POST", v + "set-tag", new(Access.On(model, Update), VersionAudit("set_tag")));
        add("DELETE", v + "delete-tag", new(Access.On(model, Delete), VersionAudit("delete_tag")));
        add("GET", v + "get-download-uri", new(Access.On(model, Read)));
        add("POST", v + "transition-stage", new(Access.On(model, Update), VersionAudit("transition_stage")));
    }

    // A method, not a static field: the table is built by a static initializer in the other half of this partial class,
    // and C# does not order static initializers across partial files.
    private static string? VersionFromResponse(EndpointFilterInvocationContext context, object? response) =>
        RequestFields.Read(response, "model_version") is { } version
            ? $"{RequestFields.Read(version, "name")}/{RequestFields.Read(version, "version")}"
            : null;

    private static AuditSpec ModelAudit(string action) => new("registered_model", action, Field("name"), Snapshots.RegisteredModel);

    private static AuditSpec VersionAudit(string action) => new("model_version", action, (context, _) =>
        $"{RequestFields.GetString(context, "name")}/{RequestFields.GetString(context, "version")}", Snapshots.ModelVersion);

    private static AuditSpec AliasAudit(string action) => new("registered_model_alias", action, (context, _) =>
        $"{RequestFields.GetString(context, "name")}@{RequestFields.GetString(context, "alias")}", Snapshots.Alias);
}
