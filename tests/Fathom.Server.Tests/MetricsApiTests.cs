using System.Net;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests;

public abstract class MetricsApiTests(ServerFixture server)
{
    private readonly MlflowApi _api = server.Api;

    private async Task<string> RunWithHistoryAsync(int steps)
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        // log-batch takes at most 1000 metrics per call.
        foreach (var chunk in Enumerable.Range(0, steps).Chunk(1000))
        {
            var metrics = chunk.Select(i => new { key = "loss", value = 1.0 / (i + 1), timestamp = 1000L + i, step = (long)i });
            await _api.OkPostAsync("runs/log-batch", Json(new { run_id = runId, metrics }));
        }
        return runId;
    }

    [Fact]
    public async Task Get_history_returns_every_point()
    {
        var runId = await RunWithHistoryAsync(5);
        var body = await _api.OkGetAsync($"metrics/get-history?run_id={runId}&metric_key=loss");
        var steps = body.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("step").GetInt64()).Order().ToArray();
        Assert.Equal([0L, 1, 2, 3, 4], steps);
    }

    [Fact]
    public async Task Get_history_pages_with_max_results_and_page_token()
    {
        var runId = await RunWithHistoryAsync(5);
        var steps = new List<long>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = $"metrics/get-history?run_id={runId}&metric_key=loss&max_results=2"
                        + (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}");
            var body = await _api.OkGetAsync(query);
            var page = body.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("step").GetInt64()).ToArray();
            Assert.True(page.Length <= 2);
            steps.AddRange(page);
            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal([0L, 1, 2, 3, 4], steps.Order().ToArray());
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Get_history_streams_NaN_and_infinities_as_protobuf_strings()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        await _api.OkPostAsync("runs/log-batch", $$"""
            {"run_id": "{{runId}}", "metrics": [
              {"key": "val/loss 1", "value": "NaN", "timestamp": 1, "step": 0},
              {"key": "val/loss 1", "value": "Infinity", "timestamp": 1, "step": 1},
              {"key": "val/loss 1", "value": "-Infinity", "timestamp": 1, "step": 2},
              {"key": "val/loss 1", "value": 0.1, "timestamp": 1, "step": 3}]}
            """);

        var body = await _api.OkGetAsync($"metrics/get-history?run_id={runId}&metric_key={Uri.EscapeDataString("val/loss 1")}");

        var metrics = body.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(["NaN", "Infinity", "-Infinity"], metrics.Take(3).Select(m => m.GetProperty("value").GetString()));
        Assert.Equal(0.1, metrics[3].GetProperty("value").GetDouble());
        Assert.All(metrics, m => Assert.Equal("val/loss 1", m.GetProperty("key").GetString()));
        Assert.False(body.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task Get_history_sends_a_page_with_its_Content_Length()
    {
        // 3,000 points are ~190 KB: several of the response buffer's 64 KiB segments.
        var runId = await RunWithHistoryAsync(3000);

        using var response = await server.Http.GetAsync($"{Prefix}metrics/get-history?run_id={runId}&metric_key=loss");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.False(response.Headers.TransferEncodingChunked ?? false);
        using var body = System.Text.Json.JsonDocument.Parse(bytes);
        Assert.Equal(3000, body.RootElement.GetProperty("metrics").GetArrayLength());
    }

    [Fact]
    public async Task Get_history_with_a_foreign_page_token_is_an_MLflow_error()
    {
        var runId = await RunWithHistoryAsync(3);

        var response = await _api.GetAsync($"metrics/get-history?run_id={runId}&metric_key=loss&page_token=bm9wZQ==");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
    }

    [Fact]
    public async Task Get_history_of_an_unknown_run_is_empty_as_in_MLflow()
    {
        var body = await _api.OkGetAsync("metrics/get-history?run_id=ffffffffffffffffffffffffffffffff&metric_key=loss");
        Assert.Equal("{}", body.GetRawText());
    }

    [Fact]
    public async Task Bulk_interval_reads_repeated_run_ids_and_tags_points_with_their_run()
    {
        var first = await RunWithHistoryAsync(10);
        var second = await RunWithHistoryAsync(10);
        var body = await _api.OkGetAsync(
            $"metrics/get-history-bulk-interval?run_ids={first}&run_ids={second}&metric_key=loss&start_step=2&end_step=5&max_results=100");
        var points = body.GetProperty("metrics").EnumerateArray()
            .Select(m => (Run: m.GetProperty("run_id").GetString(), Step: m.GetProperty("step").GetInt64())).ToArray();
        Assert.Equal(new[] { first, second }.Order(), points.Select(p => p.Run).Distinct().Order());
        Assert.All(points, p => Assert.InRange(p.Step, 2, 5));
        Assert.Equal(8, points.Length);
    }

    [Fact]
    public async Task Bulk_interval_samples_down_to_max_results_per_run()
    {
        var runId = await RunWithHistoryAsync(200);
        var body = await _api.OkGetAsync($"metrics/get-history-bulk-interval?run_ids={runId}&metric_key=loss&max_results=20");
        Assert.InRange(body.GetProperty("metrics").GetArrayLength(), 2, 22);
    }

    [Theory]
    [InlineData("metric_key=loss", "run_ids")]
    [InlineData("run_ids=abc", "metric_key")]
    public async Task Bulk_interval_without_a_required_parameter_is_INVALID_PARAMETER_VALUE(string query, string missing)
    {
        var response = await _api.GetAsync($"metrics/get-history-bulk-interval?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
        Assert.Contains(missing, response.Message);
    }

    [Theory]
    [InlineData("max_results=0", "max_results must be between 1 and 2500")]
    [InlineData("max_results=2501", "max_results must be between 1 and 2500")]
    [InlineData("start_step=3", "both must be specified")]
    [InlineData("start_step=5&end_step=1", "end_step must be greater than start_step")]
    public async Task Bulk_interval_enforces_MLflow_limits(string query, string message)
    {
        var response = await _api.GetAsync($"metrics/get-history-bulk-interval?run_ids=abc&metric_key=loss&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
        Assert.Contains(message, response.Message);
    }

    [Fact]
    public async Task Bulk_interval_refuses_more_than_100_runs()
    {
        var query = string.Join("&", Enumerable.Range(0, 101).Select(i => $"run_ids=r{i}"));
        var response = await _api.GetAsync($"metrics/get-history-bulk-interval?{query}&metric_key=loss");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("at most 100 run_ids", response.Message);
    }
}

/// <summary>The suite on the SQLite store.</summary>
public sealed class MetricsApiTestsOnSqlite(ServerFixture server) : MetricsApiTests(server), IClassFixture<ServerFixture>;

/// <summary>The suite on PostgreSQL.</summary>
public sealed class MetricsApiTestsOnPostgres(PostgresServerFixture server) : MetricsApiTests(server), IClassFixture<PostgresServerFixture>;
