using System.Net;
using System.Text.Json;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests;

public abstract class RunsApiTests(ServerFixture server)
{
    private readonly MlflowApi _api = server.Api;

    private async Task<JsonElement> GetRunAsync(string runId) =>
        (await _api.OkGetAsync($"runs/get?run_id={runId}")).GetProperty("run");

    [Fact]
    public async Task Create_returns_a_running_run_with_run_id_and_run_uuid()
    {
        var experimentId = await _api.CreateExperimentAsync();
        var body = await _api.OkPostAsync("runs/create", $$"""
            {"experiment_id": "{{experimentId}}", "run_name": "first", "start_time": 1700000000000, "user_id": "ann",
             "tags": [{"key": "mlflow.source.name", "value": "train.py"}]}
            """);
        var info = body.GetProperty("run").GetProperty("info");
        Assert.Equal(info.GetProperty("run_id").GetString(), info.GetProperty("run_uuid").GetString());
        Assert.Equal("RUNNING", info.GetProperty("status").GetString());
        Assert.Equal(1700000000000, info.GetProperty("start_time").GetInt64());
        Assert.Equal("first", info.GetProperty("run_name").GetString());
        Assert.Equal("ann", info.GetProperty("user_id").GetString());
        Assert.Equal($"mlflow-artifacts:/{experimentId}/{info.GetProperty("run_id").GetString()}/artifacts",
            info.GetProperty("artifact_uri").GetString());
        Assert.False(info.TryGetProperty("end_time", out _));
        Assert.Contains(body.GetProperty("run").GetProperty("data").GetProperty("tags").EnumerateArray(),
            t => t.GetProperty("key").GetString() == "mlflow.source.name");
    }

    [Fact]
    public async Task Get_accepts_the_legacy_run_uuid_parameter()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        var body = await _api.OkGetAsync($"runs/get?run_uuid={runId}");
        Assert.Equal(runId, body.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString());
    }

    [Fact]
    public async Task Unknown_run_is_RESOURCE_DOES_NOT_EXIST()
    {
        var response = await _api.GetAsync("runs/get?run_id=0123456789abcdef0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", response.ErrorCode);
    }

    [Fact]
    public async Task Update_sets_status_end_time_and_name_and_returns_run_info()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        var body = await _api.OkPostAsync("runs/update",
            Json(new { run_id = runId, status = "FINISHED", end_time = 1700000005000, run_name = "renamed" }));
        var info = body.GetProperty("run_info");
        Assert.Equal("FINISHED", info.GetProperty("status").GetString());
        Assert.Equal(1700000005000, info.GetProperty("end_time").GetInt64());
        Assert.Equal("renamed", info.GetProperty("run_name").GetString());
    }

    [Fact]
    public async Task Delete_and_restore_change_the_lifecycle_stage()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        await _api.OkPostAsync("runs/delete", Json(new { run_id = runId }));
        Assert.Equal("deleted", (await GetRunAsync(runId)).GetProperty("info").GetProperty("lifecycle_stage").GetString());
        await _api.OkPostAsync("runs/restore", Json(new { run_id = runId }));
        Assert.Equal("active", (await GetRunAsync(runId)).GetProperty("info").GetProperty("lifecycle_stage").GetString());
    }

    [Fact]
    public async Task Set_tag_and_delete_tag()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        await _api.OkPostAsync("runs/set-tag", Json(new { run_id = runId, key = "stage", value = "dev" }));
        Assert.Contains((await GetRunAsync(runId)).GetProperty("data").GetProperty("tags").EnumerateArray(),
            t => t.GetProperty("key").GetString() == "stage" && t.GetProperty("value").GetString() == "dev");

        await _api.OkPostAsync("runs/delete-tag", Json(new { run_id = runId, key = "stage" }));
        var data = (await GetRunAsync(runId)).GetProperty("data");
        Assert.DoesNotContain(data.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().ToArray() : [],
            t => t.GetProperty("key").GetString() == "stage");
    }

    [Fact]
    public async Task Log_metric_and_log_parameter_show_up_in_the_run()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        Assert.Equal("{}", (await _api.OkPostAsync("runs/log-metric",
            Json(new { run_id = runId, key = "loss", value = 0.25, timestamp = 1700000001000, step = 3 }))).GetRawText());
        await _api.OkPostAsync("runs/log-parameter", Json(new { run_id = runId, key = "lr", value = "0.01" }));

        var data = (await GetRunAsync(runId)).GetProperty("data");
        var metric = data.GetProperty("metrics")[0];
        Assert.Equal("loss", metric.GetProperty("key").GetString());
        Assert.Equal(0.25, metric.GetProperty("value").GetDouble());
        Assert.Equal(3, metric.GetProperty("step").GetInt64());
        Assert.Equal(1700000001000, metric.GetProperty("timestamp").GetInt64());
        Assert.Equal("0.01", data.GetProperty("params")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task NaN_and_infinite_metric_values_round_trip_as_protobuf_strings()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        await _api.OkPostAsync("runs/log-batch", $$"""
            {"run_id": "{{runId}}", "metrics": [
              {"key": "nan", "value": "NaN", "timestamp": 1, "step": 0},
              {"key": "inf", "value": "Infinity", "timestamp": 1, "step": 0},
              {"key": "ninf", "value": "-Infinity", "timestamp": 1, "step": 0}]}
            """);
        var metrics = (await GetRunAsync(runId)).GetProperty("data").GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("key").GetString()!, m => m.GetProperty("value").GetString());
        Assert.Equal("NaN", metrics["nan"]);
        Assert.Equal("Infinity", metrics["inf"]);
        Assert.Equal("-Infinity", metrics["ninf"]);
    }

    [Fact]
    public async Task Log_batch_writes_metrics_params_and_tags_and_accepts_int64_as_strings()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        await _api.OkPostAsync("runs/log-batch", $$"""
            {"run_id": "{{runId}}",
             "metrics": [{"key": "acc", "value": 0.5, "timestamp": "1700000000000", "step": "1"},
                         {"key": "acc", "value": 0.75, "timestamp": 1700000000001, "step": 2}],
             "params": [{"key": "depth", "value": "4"}],
             "tags": [{"key": "note", "value": "batch"}]}
            """);
        var data = (await GetRunAsync(runId)).GetProperty("data");
        Assert.Equal(0.75, data.GetProperty("metrics")[0].GetProperty("value").GetDouble());
        Assert.Equal("4", data.GetProperty("params")[0].GetProperty("value").GetString());
        Assert.Contains(data.GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "note");
    }

    [Fact]
    public async Task Changing_a_logged_param_is_INVALID_PARAMETER_VALUE()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        await _api.OkPostAsync("runs/log-parameter", Json(new { run_id = runId, key = "lr", value = "0.01" }));
        await _api.OkPostAsync("runs/log-parameter", Json(new { run_id = runId, key = "lr", value = "0.01" }));
        var response = await _api.PostAsync("runs/log-parameter", Json(new { run_id = runId, key = "lr", value = "0.02" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
    }

    [Fact]
    public async Task LogBatch_rejects_more_than_1000_metrics()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        var metrics = Enumerable.Range(0, 1001).Select(i => new { key = "m", value = 1.0, timestamp = 1L, step = (long)i });
        var response = await _api.PostAsync("runs/log-batch", Json(new { run_id = runId, metrics }));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
    }

    [Fact]
    public async Task Log_inputs_records_datasets_on_the_run()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        await _api.OkPostAsync("runs/log-inputs", $$"""
            {"run_id": "{{runId}}", "datasets": [{
              "tags": [{"key": "mlflow.data.context", "value": "training"}],
              "dataset": {"name": "iris", "digest": "abc123", "source_type": "local", "source": "{\"uri\": \"iris.csv\"}",
                          "schema": "{ }", "profile": "{\"num_rows\": 150}"} } ]}
            """);
        var input = (await GetRunAsync(runId)).GetProperty("inputs").GetProperty("dataset_inputs")[0];
        Assert.Equal("iris", input.GetProperty("dataset").GetProperty("name").GetString());
        Assert.Equal("training", input.GetProperty("tags")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Search_filters_on_metrics_and_params_and_orders()
    {
        var experimentId = await _api.CreateExperimentAsync();
        foreach (var (name, acc, lr) in new[] { ("a", 0.9, "0.01"), ("b", 0.4, "0.01"), ("c", 0.7, "0.1") })
        {
            var runId = await _api.CreateRunAsync(experimentId, name);
            await _api.OkPostAsync("runs/log-batch", Json(new
            {
                run_id = runId,
                metrics = new[] { new { key = "acc", value = acc, timestamp = 1L, step = 0L } },
                @params = new[] { new { key = "lr", value = lr } },
            }));
        }

        var body = await _api.OkPostAsync("runs/search", Json(new
        {
            experiment_ids = new[] { experimentId },
            filter = "metrics.acc > 0.5 and params.lr = '0.01'",
            max_results = 10,
        }));
        var runs = body.GetProperty("runs");
        Assert.Equal(1, runs.GetArrayLength());
        Assert.Equal("a", runs[0].GetProperty("info").GetProperty("run_name").GetString());

        var ordered = await _api.OkPostAsync("runs/search",
            Json(new { experiment_ids = new[] { experimentId }, order_by = new[] { "metrics.acc DESC" } }));
        Assert.Equal(new[] { "a", "c", "b" }, ordered.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("info").GetProperty("run_name").GetString()!).ToArray());
    }

    [Fact]
    public async Task Search_pages_through_runs_with_next_page_token()
    {
        var experimentId = await _api.CreateExperimentAsync();
        for (var i = 0; i < 3; i++)
        {
            await _api.CreateRunAsync(experimentId, $"r{i}");
        }

        var seen = new HashSet<string>();
        string? token = null;
        do
        {
            var body = await _api.OkPostAsync("runs/search",
                Json(new { experiment_ids = new[] { experimentId }, max_results = 2, page_token = token }));
            foreach (var run in body.GetProperty("runs").EnumerateArray())
            {
                Assert.True(seen.Add(run.GetProperty("info").GetProperty("run_id").GetString()!));
            }

            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(3, seen.Count);
    }
}

/// <summary>The suite on the SQLite store.</summary>
public sealed class RunsApiTestsOnSqlite(ServerFixture server) : RunsApiTests(server), IClassFixture<ServerFixture>;

/// <summary>The suite on PostgreSQL.</summary>
public sealed class RunsApiTestsOnPostgres(PostgresServerFixture server) : RunsApiTests(server), IClassFixture<PostgresServerFixture>;
