using System.Collections.Frozen;
using Fathom.Core.Errors;
using Fathom.Server.Hosting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Governance;

/// <summary>
/// The one authorization and audit point of every API route: applies the route's row of <see cref="RoutePermissions"/>
/// (PERMISSION_DENIED when the caller lacks access), snapshots the audited resource, runs the handler, records
/// before/after, and runs the route's after-step. Handlers know nothing of any of it.
/// The rows are looked up once per endpoint when the endpoints are built, not per request; with authentication off an
/// endpoint whose rows neither audit nor follow up gets no filter at all, so logging routes pay nothing for governance.
/// </summary>
internal sealed class GovernanceFilter(AuditRecorder audit, IOptions<FathomServerOptions> options)
{
    /// <summary>Adds the filter to <paramref name="endpoint"/> when its rows (or authentication) need it.</summary>
    public static void Attach(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder route || endpoint.ApplicationServices is not { } services)
        {
            return;
        }

        var methods = route.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
        var relative = RelativePattern(route.RoutePattern);
        var rules = methods.ToFrozenDictionary(m => m, m => RoutePermissions.Table.GetValueOrDefault(RoutePermissions.Key(m, relative)));
        var auth = services.GetRequiredService<IOptions<FathomServerOptions>>().Value.Auth;
        if (!auth && rules.Values.All(rule => rule is null or { Audit: null, After: null }))
        {
            return;
        }

        endpoint.Metadata.Add(GovernedEndpoint.Instance);
        endpoint.FilterFactories.Add((_, next) =>
        {
            var filter = services.GetRequiredService<GovernanceFilter>();
            var resolver = services.GetRequiredService<PermissionResolver>();
            return context => filter.InvokeAsync(context, next, resolver, rules.GetValueOrDefault(context.HttpContext.Request.Method));
        });
    }

    private async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, PermissionResolver resolver, RouteRule? rule)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        if (rule is null)
        {
            // With authentication off nothing is protected, so a route that has no row yet still works.
            if (options.Value.Auth)
            {
                throw new FathomException(ErrorCode.PERMISSION_DENIED, $"Permission denied: no permission rule covers {http.Request.Method} {http.Request.Path}.");
            }

            return await next(context);
        }

        var request = new AccessRequest(http.Caller(), context, resolver, ct);
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

    /// <summary>The route pattern without its API prefix: the path part of a permission table key.</summary>
    public static string RelativePattern(RoutePattern routePattern)
    {
        // A group's own route ("") ends in a slash: "/api/2.0/mlflow-artifacts/artifacts/".
        var pattern = "/" + (routePattern.RawText ?? "").Trim('/');
        var prefix = ServerSetup.ApiPrefixes.FirstOrDefault(p => pattern.StartsWith(p + "/", StringComparison.Ordinal));
        return prefix is null ? pattern : pattern[prefix.Length..];
    }
}

/// <summary>Endpoint metadata on every route that carries <see cref="GovernanceFilter"/> (for diagnostics and tests).</summary>
internal sealed class GovernedEndpoint
{
    public static readonly GovernedEndpoint Instance = new();
}
