namespace Fathom.Server.Governance;

/// <summary>Which resource a request changes: from the request before the handler runs, or from its response (creates).</summary>
internal delegate string? IdSelector(EndpointFilterInvocationContext context, object? response);

/// <summary>The resource's state as a wire object (serialized to JSON), or null when it does not exist.</summary>
internal delegate Task<object?> SnapshotLoader(EndpointFilterInvocationContext context, string resourceId, CancellationToken ct);

/// <summary>
/// How a mutating route is audited: the resource type and action recorded, how to find the resource id, and how to
/// load its state before and after the handler runs.
/// </summary>
internal sealed record AuditSpec(string ResourceType, string Action, IdSelector ResourceId, SnapshotLoader Snapshot, bool IdFromResponse = false)
{
    /// <summary>Where the resource is after the handler when that differs (a rename); the event keeps the old id.</summary>
    public IdSelector? AfterResourceId { get; init; }

    /// <summary>A field of the request by wire name.</summary>
    public static IdSelector Field(string field) => (context, _) => RequestFields.GetString(context, field);

    /// <summary>A field of the response, following a path of wire names (<c>run.info.run_id</c>).</summary>
    public static IdSelector ResponseField(params string[] path) => (_, response) =>
    {
        var value = response;
        foreach (var field in path)
        {
            value = RequestFields.Read(value, field);
        }

        return value as string;
    };

    /// <summary>Several request fields joined by '/' (a permission is identified by resource and user).</summary>
    public static IdSelector Fields(params string[] fields) => (context, _) =>
        string.Join('/', fields.Select(f => RequestFields.GetString(context, f) ?? ""));
}

/// <summary>What a route does after a successful handler, as MLflow's after-request handlers do.</summary>
internal delegate Task AfterStep(AccessRequest request, object? response);

/// <summary>One row of the permission table: who may call the route, how it is audited, what follows it.</summary>
internal sealed record RouteRule(Access Access, AuditSpec? Audit = null, AfterStep? After = null);
