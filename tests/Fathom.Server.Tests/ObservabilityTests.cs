using System.Net;
using System.Text.Json;
using Fathom.Server.Tests.Infrastructure;

namespace Fathom.Server.Tests;

public sealed class ObservabilityTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Health_answers_OK_when_the_store_answers()
    {
        using var response = await server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Version_answers_a_version_number()
    {
        var version = await server.Http.GetStringAsync("/version");
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
    }

    [Fact]
    public async Task Metrics_count_requests_per_route_in_prometheus_format()
    {
        await server.Api.OkGetAsync("experiments/get?experiment_id=0");
        var text = await server.Http.GetStringAsync("/metrics");
        Assert.Contains("http_request_duration_seconds_bucket", text);
        Assert.Contains("endpoint=\"/api/2.0/mlflow/experiments/get\"", text);
        Assert.Contains("http_requests_received_total", text);
    }

    [Fact]
    public async Task OpenAPI_document_lists_the_tracking_endpoints()
    {
        using var document = JsonDocument.Parse(await server.Http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/2.0/mlflow/runs/log-metric", out var logMetric));
        Assert.True(logMetric.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/2.0/mlflow/metrics/get-history", out _));
        Assert.False(paths.TryGetProperty("/ajax-api/2.0/mlflow/runs/log-metric", out _));
    }
}
