using System.Net;
using System.Text.Json;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Governance;

/// <summary>The audit trail on a server without authentication: every change recorded, nothing changeable through the API.</summary>
public sealed class AuditTrailTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Search = "/api/2.0/fathom/audit/search";

    [Fact]
    public async Task Experiment_changes_are_recorded_newest_first_with_before_and_after()
    {
        var name = Unique("audited");
        var id = await server.Api.CreateExperimentAsync(name);
        await server.Api.OkPostAsync("experiments/update", Json(new { experiment_id = id, new_name = name + "-v2" }));
        await server.Api.OkPostAsync("experiments/set-experiment-tag", Json(new { experiment_id = id, key = "team", value = "fraud" }));
        await server.Api.OkPostAsync("experiments/delete", Json(new { experiment_id = id }));
        await server.Api.OkPostAsync("experiments/restore", Json(new { experiment_id = id }));

        var events = await EventsAsync($"resource_type=experiment&resource_id={id}");
        Assert.Equal(["restore", "delete", "set_tag", "rename", "create"], events.Select(e => e.GetProperty("action").GetString()));
        var rename = events[3];
        Assert.Equal(name, rename.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal(name + "-v2", rename.GetProperty("after").GetProperty("name").GetString());
        Assert.Equal("deleted", events[1].GetProperty("after").GetProperty("lifecycle_stage").GetString());
        Assert.False(events[4].TryGetProperty("before", out _));
        Assert.False(events[0].TryGetProperty("username", out _));
    }

    [Fact]
    public void Without_authentication_only_audited_routes_carry_the_governance_filter()
    {
        Assert.False(PermissionMatrixTests.IsGoverned(server.App.Services, "POST", "/mlflow/runs/log-metric"));
        Assert.False(PermissionMatrixTests.IsGoverned(server.App.Services, "POST", "/mlflow/runs/log-batch"));
        Assert.False(PermissionMatrixTests.IsGoverned(server.App.Services, "GET", "/mlflow/metrics/get-history"));
        Assert.True(PermissionMatrixTests.IsGoverned(server.App.Services, "POST", "/mlflow/runs/create"));
        Assert.True(PermissionMatrixTests.IsGoverned(server.App.Services, "POST", "/mlflow/experiments/update"));
    }

    [Fact]
    public async Task A_run_s_lifecycle_is_recorded_but_its_logging_is_not()
    {
        var runId = await server.Api.CreateRunAsync(await server.Api.CreateExperimentAsync());
        await server.Api.OkPostAsync("runs/log-metric", Json(new { run_id = runId, key = "loss", value = 0.5, timestamp = 1 }));
        await server.Api.OkPostAsync("runs/update", Json(new { run_id = runId, status = "FINISHED", end_time = 1700000001000 }));
        await server.Api.OkPostAsync("runs/delete", Json(new { run_id = runId }));
        await server.Api.OkPostAsync("runs/restore", Json(new { run_id = runId }));

        var events = await EventsAsync($"resource_type=run&resource_id={runId}");
        Assert.Equal(["restore", "delete", "update", "create"], events.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("RUNNING", events[2].GetProperty("before").GetProperty("status").GetString());
        Assert.Equal("FINISHED", events[2].GetProperty("after").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Audit_search_pages_and_filters_by_time()
    {
        var id = await server.Api.CreateExperimentAsync();
        for (var i = 0; i < 3; i++)
        {
            await server.Api.OkPostAsync("experiments/set-experiment-tag", Json(new { experiment_id = id, key = "k", value = i.ToString() }));
        }

        var first = await server.Api.OkGetAsync($"{Search}?resource_type=experiment&resource_id={id}&max_results=2");
        Assert.Equal(2, first.GetProperty("events").GetArrayLength());
        var token = first.GetProperty("next_page_token").GetString();
        var second = await server.Api.OkGetAsync($"{Search}?resource_type=experiment&resource_id={id}&max_results=2&page_token={Uri.EscapeDataString(token!)}");
        Assert.Equal(2, second.GetProperty("events").GetArrayLength());

        var newest = first.GetProperty("events")[0].GetProperty("timestamp").GetInt64();
        var later = await server.Api.OkGetAsync($"{Search}?resource_type=experiment&resource_id={id}&since={newest + 1}");
        Assert.False(later.TryGetProperty("events", out var none) && none.GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task The_audit_trail_cannot_be_changed_through_the_API(string method)
    {
        var response = await server.Api.SendAsync(new HttpMethod(method), Search, "{}");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("ENDPOINT_NOT_FOUND", response.ErrorCode);
    }

    [Fact]
    public async Task Without_authentication_nobody_can_create_users()
    {
        var response = await server.Api.PostAsync("users/create", Json(new { username = "mallory", password = "mallory-password" }));
        Assert.Equal(HttpStatusCode.NotImplemented, response.Status);
        Assert.Equal("FEATURE_DISABLED", response.ErrorCode);
    }

    private async Task<List<JsonElement>> EventsAsync(string query) =>
        (await server.Api.OkGetAsync($"{Search}?{query}")).GetProperty("events").EnumerateArray().ToList();
}
