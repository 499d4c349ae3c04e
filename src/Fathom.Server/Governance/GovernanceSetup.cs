using Fathom.Core.Errors;
using Fathom.Server.Apis;
using Fathom.Server.Wire;
using Fathom.Tracking.Governance;
using Fathom.Tracking.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fathom.Server.Governance;

/// <summary>Wires authentication, the permission table's filter, the audit trail and the governance endpoints.</summary>
internal static class GovernanceSetup
{
    public static IServiceCollection AddGovernance(this IServiceCollection services, ITrackingStore store)
    {
        // The SQL store implements all three; another ITrackingStore would need its own audit and user storage.
        var audit = store as IAuditStore ?? throw new FathomException(ErrorCode.INTERNAL_ERROR, "The tracking store keeps no audit trail.");
        var auth = store as IAuthStore ?? throw new FathomException(ErrorCode.INTERNAL_ERROR, "The tracking store keeps no users.");
        services.AddSingleton(audit);
        services.AddSingleton(auth);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PermissionResolver>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<GovernanceFilter>();
        services.AddHostedService<AdminBootstrap>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(GovernanceJsonContext.Wire));
        return services;
    }

    public static void UseFathomAuthentication(this WebApplication app, FathomServerOptions options)
    {
        if (options.Auth)
        {
            app.UseMiddleware<AuthenticationMiddleware>();
        }
    }

    /// <summary>Puts every route of <paramref name="api"/> behind the permission table, and maps the governance endpoints.</summary>
    public static void MapGovernanceApis(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Add(GovernanceFilter.Attach);
        api.MapUsersApi();
        api.MapTokensApi();
        api.MapPermissionsApi();
        api.MapAuditApi();
    }
}
