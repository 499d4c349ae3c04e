using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests;

/// <summary>Wire shapes checked against golden files (Golden/*.json), volatile values normalized.</summary>
public sealed class GoldenWireTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly MlflowApi _api = server.Api;

    [Fact]
    public async Task Create_run_response_matches_golden()
    {
        var experimentId = await _api.CreateExperimentAsync("golden-create-run");
        var body = await _api.OkPostAsync("runs/create", $$"""
            {"experiment_id": "{{experimentId}}", "run_name": "golden", "start_time": 1700000000000, "user_id": "ann",
             "tags": [{"key": "mlflow.user", "value": "ann"}]}
            """);
        Golden.AssertMatches("create_run_response.json", body);
    }

    [Fact]
    public async Task Get_run_with_data_and_inputs_matches_golden()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync("golden-get-run"), "full");
        await _api.OkPostAsync("runs/log-batch", $$"""
            {"run_id": "{{runId}}",
             "metrics": [{"key": "acc", "value": 0.5, "timestamp": 1700000000100, "step": 1},
                         {"key": "loss", "value": "NaN", "timestamp": 1700000000100, "step": 1}],
             "params": [{"key": "lr", "value": "0.01"}],
             "tags": [{"key": "stage", "value": "dev"}]}
            """);
        await _api.OkPostAsync("runs/log-inputs", $$"""
            {"run_id": "{{runId}}", "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "train"}],
              "dataset": {"name": "iris", "digest": "d1", "source_type": "local", "source": "iris.csv"} } ]}
            """);
        await _api.OkPostAsync("runs/update", Json(new { run_id = runId, status = "FINISHED", end_time = 1700000009000 }));
        Golden.AssertMatches("get_run_response.json", await _api.OkGetAsync($"runs/get?run_id={runId}"));
    }

    [Fact]
    public async Task Get_experiment_response_matches_golden()
    {
        var id = await _api.CreateExperimentAsync("golden-experiment");
        await _api.OkPostAsync("experiments/set-experiment-tag", Json(new { experiment_id = id, key = "team", value = "ml" }));
        Golden.AssertMatches("get_experiment_response.json", await _api.OkGetAsync($"experiments/get?experiment_id={id}"));
    }

    [Fact]
    public async Task Metric_history_response_matches_golden()
    {
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync("golden-history"));
        await _api.OkPostAsync("runs/log-batch", $$"""
            {"run_id": "{{runId}}", "metrics": [{"key": "loss", "value": 2, "timestamp": 1700000000000, "step": 0},
                                                {"key": "loss", "value": 1.5, "timestamp": 1700000000001, "step": 1}]}
            """);
        Golden.AssertMatches("get_metric_history_response.json",
            await _api.OkGetAsync($"metrics/get-history?run_id={runId}&metric_key=loss"));
    }

    [Fact]
    public async Task Empty_search_and_empty_responses_are_empty_objects()
    {
        var experimentId = await _api.CreateExperimentAsync("golden-empty-search");
        Golden.AssertMatches("empty_response.json",
            await _api.OkPostAsync("runs/search", Json(new { experiment_ids = new[] { experimentId } })));
    }

    [Fact]
    public async Task Error_body_matches_golden()
    {
        var response = await _api.PostAsync("runs/log-metric", """{"key": "k", "value": 1, "timestamp": 1}""");
        Golden.AssertMatches("error_missing_parameter.json", response.Json);
    }
}
