using System.Collections.Concurrent;
using Fathom.Core.Errors;
using Fathom.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Governance;

/// <summary>
/// The one authorization and audit point of every API route: looks the route up in <see cref="RoutePermissions"/>,
/// checks the caller's access (PERMISSION_DENIED otherwise), snapshots the audited resource, runs the handler,
/// records before/after, and runs the route's after-step. Handlers know nothing of any of it.
/// </summary>
internal sealed class GovernanceFilter(PermissionResolver resolver, AuditRecorder audit, IOptions<FathomServerOptions> options) : IEndpointFilter
{
    private static readonly ConcurrentDictionary<(Endpoint, string), RouteRule?> Rules = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var rule = RuleOf(http);
        var request = new AccessRequest(http.Caller(), context, resolver, ct);
        if (rule is null)
        {
            // With authentication off nothing is protected, so a route that has no row yet still works.
            if (options.Value.Auth)
            {
                throw new FathomException(ErrorCode.PERMISSION_DENIED, $"Permission denied: no permission rule covers {http.Request.Method} {http.Request.Path}.");
            }

            return await next(context);
        }

        if (!await rule.Access.AllowsAsync(request))
        {
            throw new FathomException(ErrorCode.PERMISSION_DENIED, "Permission denied");
        }

        var spec = rule.Audit;
        var resourceId = spec is { IdFromResponse: false } ? spec.ResourceId(context, null) : null;
        var before = resourceId is not null ? await spec!.Snapshot(context, resourceId, ct) : null;
        var response = await next(context);
        if (spec is not null && (resourceId ?? spec.ResourceId(context, response)) is { } id)
        {
            var afterId = spec.AfterResourceId?.Invoke(context, response) ?? id;
            await audit.AppendAsync(http, spec.ResourceType, spec.Action, id, before, await spec.Snapshot(context, afterId, ct), ct);
        }

        if (rule.After is { } after)
        {
            await after(request, response);
        }

        return response;
    }

    /// <summary>The row for this endpoint and method: the route pattern without its API prefix.</summary>
    public static RouteRule? RuleOf(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return null;
        }

        return Rules.GetOrAdd((endpoint, http.Request.Method), key =>
            RoutePermissions.Table.GetValueOrDefault(RoutePermissions.Key(key.Item2, RelativePattern((RouteEndpoint)key.Item1))));
    }

    public static string RelativePattern(RouteEndpoint endpoint)
    {
        // A group's own route ("") ends in a slash: "/api/2.0/mlflow-artifacts/artifacts/".
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
        var prefix = ServerSetup.ApiPrefixes.FirstOrDefault(p => pattern.StartsWith(p + "/", StringComparison.Ordinal));
        return prefix is null ? pattern : pattern[prefix.Length..];
    }
}
