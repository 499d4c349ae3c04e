using System.Net;
using Fathom.Server.Governance;
using Fathom.Server.Tests.Infrastructure;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Governance;
using Fathom.Tracking.Stores;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Governance;

/// <summary>
/// Every API route, called as an unauthenticated client (401), a user with NO_PERMISSIONS, a reader, an editor, a
/// manager and an admin: each gets MLflow's answer (403 PERMISSION_DENIED when not allowed, 200 when allowed).
/// </summary>
public sealed class PermissionMatrixTests(AuthServerFixture server) : IClassFixture<AuthServerFixture>
{
    private static readonly string[] Users = ["none", "reader", "editor", "manager"];
    private static readonly string[] Grants = ["NO_PERMISSIONS", "READ", "EDIT", "MANAGE"];

    public static TheoryData<MatrixCase> Routes() => new(PermissionMatrix.Cases);

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_route_answers_by_role_as_MLflow_does(MatrixCase route)
    {
        await EnsureUsersAsync();
        var anonymous = await CallAsync(server.Anonymous, route, new World("0", "Default", "0", "m", ""));
        Assert.True(anonymous.Status == HttpStatusCode.Unauthorized && anonymous.ErrorCode == "UNAUTHENTICATED", $"anonymous: {Describe(anonymous)}");

        foreach (var user in Users.Append(AuthServerFixture.AdminName))
        {
            var self = user == AuthServerFixture.AdminName ? server.Admin : server.As(user);
            var world = await CreateWorldAsync(user);
            if (route.Prepare is { } prepare)
            {
                await prepare(world, new MatrixActors(server.Admin, self));
            }

            var response = await CallAsync(self, route, world);
            if (Allowed(route.Need, user))
            {
                Assert.True(response.Status == route.AllowedStatus,
                    $"{user} should be allowed: {Describe(response)}\n{string.Join("\n", server.Log.Where(l => l.Contains("Exception")).TakeLast(3))}");
            }
            else
            {
                Assert.True(response.Status == HttpStatusCode.Forbidden && response.ErrorCode == "PERMISSION_DENIED", $"{user} should be denied: {Describe(response)}");
            }
        }
    }

    [Fact]
    public void Every_row_of_the_permission_table_is_exercised_by_the_matrix()
    {
        var exercised = PermissionMatrix.Cases.Select(c => c.Route).ToHashSet();
        var untested = RoutePermissions.Table.Keys.Except(exercised).ToList();
        var unknown = exercised.Except(RoutePermissions.Table.Keys).ToList();
        Assert.True(untested.Count == 0, "rows without a matrix case: " + string.Join(", ", untested));
        Assert.True(unknown.Count == 0, "matrix cases without a row: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_mapped_API_route_has_a_row_in_the_permission_table()
    {
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var missing = new List<string>();
        var mapped = 0;
        foreach (var endpoint in endpoints)
        {
            var relative = GovernanceFilter.RelativePattern(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            if (relative == "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/') || methods.Count == 0)
            {
                continue; // outside the API prefixes (/health, /version, /metrics) or the unknown-endpoint fallback
            }

            foreach (var method in methods)
            {
                mapped++;
                if (!RoutePermissions.Table.ContainsKey(RoutePermissions.Key(method, relative)))
                {
                    missing.Add(RoutePermissions.Key(method, relative));
                }
            }
        }

        Assert.True(mapped > 40, $"only {mapped} API routes found");
        Assert.Empty(missing);
    }

    [Fact]
    public void With_authentication_on_every_route_carries_the_governance_filter()
    {
        Assert.True(IsGoverned(server.App.Services, "POST", "/mlflow/runs/log-metric"));
        Assert.True(IsGoverned(server.App.Services, "GET", "/mlflow/metrics/get-history"));
    }

    /// <summary>Whether the endpoint for <paramref name="method"/> <paramref name="path"/> (under /api/2.0) carries the governance filter.</summary>
    internal static bool IsGoverned(IServiceProvider services, string method, string path)
    {
        var endpoint = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Single(e =>
            e.RoutePattern.RawText?.TrimEnd('/') == "/api/2.0" + path
            && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true);
        return endpoint.Metadata.GetMetadata<GovernedEndpoint>() is not null;
    }

    private static bool Allowed(Need need, string user) => user == AuthServerFixture.AdminName || need switch
    {
        Need.AnyUser or Need.Self => true,
        Need.Read => user is "reader" or "editor" or "manager",
        Need.Update => user is "editor" or "manager",
        Need.Delete or Need.Manage => user == "manager",
        _ => false,
    };

    private static Task<ApiResponse> CallAsync(MlflowApi api, MatrixCase route, World world) =>
        api.SendAsync(route.Method, route.Path(world), route.Body(world), route.ContentType);

    private static string Describe(ApiResponse response) => $"{(int)response.Status} {response.Body}";

    private async Task EnsureUsersAsync()
    {
        foreach (var user in Users.Append(PermissionMatrix.SharedTarget))
        {
            await server.EnsureUserAsync(user);
        }
    }

    /// <summary>Built straight in the stores (not through HTTP): the matrix makes hundreds of these.</summary>
    private async Task<World> CreateWorldAsync(string self)
    {
        var store = server.App.Services.GetRequiredService<ITrackingStore>();
        var auth = server.App.Services.GetRequiredService<IAuthStore>();
        var name = Unique("world");
        var experimentId = await store.CreateExperimentAsync(name, null, []);
        var model = Unique("model");
        for (var i = 0; i < Users.Length; i++)
        {
            await auth.CreatePermissionAsync(PermissionResource.Experiment, experimentId, Users[i], Permission.Parse(Grants[i]));
            await auth.CreatePermissionAsync(PermissionResource.RegisteredModel, model, Users[i], Permission.Parse(Grants[i]));
        }

        var run = await store.CreateRunAsync(new NewRun(experimentId, "admin", 1, [], "run"));
        await store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1.0, 1, 0)], [], []);
        var registry = server.App.Services.GetRequiredService<IModelRegistryStore>();
        await registry.CreateRegisteredModelAsync(model, [], null);
        await registry.CreateModelVersionAsync(new NewModelVersion(model, $"mlflow-artifacts:/{experimentId}/{run.Info.RunId}/artifacts/model", run.Info.RunId));
        await registry.SetRegisteredModelAliasAsync(model, "champion", "1");
        return new World(experimentId, name, run.Info.RunId, model, self);
    }
}
