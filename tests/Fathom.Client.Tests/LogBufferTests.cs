using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fathom.Client.Tests;

/// <summary>The background log-batch worker against a recording server, where every batch it sends can be inspected.</summary>
public sealed class LogBufferTests
{
    private const string RunJson =
        """{"run": {"info": {"run_id": "r1", "experiment_id": "1", "status": "RUNNING", "artifact_uri": "mlflow-artifacts:/1/r1/artifacts"}}}""";

    private sealed class RecordingServer : IAsyncDisposable
    {
        public ConcurrentQueue<JsonDocument> Batches { get; } = new();
        public ConcurrentQueue<string> Updates { get; } = new();
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public IResult? BatchAnswer { get; init; }
        public LoopbackApp App { get; private set; } = null!;

        public static async Task<RecordingServer> StartAsync(bool gateOpen = true, IResult? batchAnswer = null)
        {
            var server = new RecordingServer { BatchAnswer = batchAnswer };
            if (gateOpen)
                server.Gate.SetResult();
            server.App = await LoopbackApp.StartAsync(app =>
            {
                app.MapGet("/api/2.0/mlflow/experiments/get-by-name", () => Results.Text("""{"experiment": {"experiment_id": "1", "name": "e"}}""", "application/json"));
                app.MapPost("/api/2.0/mlflow/runs/create", () => Results.Text(RunJson, "application/json"));
                app.MapPost("/api/2.0/mlflow/runs/update", async (HttpRequest request) =>
                {
                    server.Updates.Enqueue(await new StreamReader(request.Body).ReadToEndAsync());
                    return Results.Text("""{"run_info": {"run_id": "r1"}}""", "application/json");
                });
                app.MapPost("/api/2.0/mlflow/runs/log-batch", async (HttpRequest request) =>
                {
                    await server.Gate.Task;
                    server.Batches.Enqueue(await JsonDocument.ParseAsync(request.Body));
                    return server.BatchAnswer ?? Results.Text("{}", "application/json");
                });
            });
            return server;
        }

        public int Count(string field) => Batches.Sum(b => b.RootElement.GetProperty(field).GetArrayLength());

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    [Fact]
    public async Task Batches_respect_mlflow_limits_of_1000_metrics_100_params_100_tags_1000_total()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = new FathomClient(LoopbackApp.FastRetries(server.App.Url));
        await using (var run = await client.StartRunAsync("e"))
        {
            for (var i = 0; i < 250; i++)
            {
                run.LogParam($"p{i}", i);
                run.SetTag($"t{i}", "v");
                run.LogMetric("loss", 1.0 / (i + 1), step: i);
            }
            for (var i = 0; i < 2500; i++)
                run.LogMetric("acc", i, step: i);
        }

        Assert.All(server.Batches, b =>
        {
            var metrics = b.RootElement.GetProperty("metrics").GetArrayLength();
            var parameters = b.RootElement.GetProperty("params").GetArrayLength();
            var tags = b.RootElement.GetProperty("tags").GetArrayLength();
            Assert.InRange(metrics, 0, 1000);
            Assert.InRange(parameters, 0, 100);
            Assert.InRange(tags, 0, 100);
            Assert.InRange(metrics + parameters + tags, 1, 1000);
        });
        Assert.Equal(2750, server.Count("metrics"));
        Assert.Equal(250, server.Count("params"));
        Assert.Equal(250, server.Count("tags"));
    }

    [Fact]
    public async Task Logging_does_not_wait_for_the_server_to_answer()
    {
        await using var server = await RecordingServer.StartAsync(gateOpen: false);
        using var client = new FathomClient(LoopbackApp.FastRetries(server.App.Url));
        var run = await client.StartRunAsync("e");

        // The server holds every log-batch request until the gate opens; logging must still complete.
        for (var i = 0; i < 10_000; i++)
            run.LogMetric("loss", i, step: i);
        Assert.Empty(server.Batches);

        server.Gate.SetResult();
        await run.FlushAsync();
        Assert.Equal(10_000, server.Count("metrics"));
        await run.DisposeAsync();
    }

    [Fact]
    public async Task A_rejected_batch_is_reported_by_flush_with_the_lost_count()
    {
        var refusal = Results.Text("""{"error_code": "INVALID_PARAMETER_VALUE", "message": "Changing param values is not allowed"}""",
            "application/json", statusCode: 400);
        await using var server = await RecordingServer.StartAsync(batchAnswer: refusal);
        using var client = new FathomClient(LoopbackApp.FastRetries(server.App.Url));
        await using var run = await client.StartRunAsync("e");
        run.LogParam("lr", 0.1);

        var error = await Assert.ThrowsAsync<FathomLoggingException>(() => run.FlushAsync());

        Assert.Equal(1, error.LostItems);
        Assert.Contains("Changing param values is not allowed", error.Message);
        Assert.Single(server.Batches);
    }

    [Fact]
    public async Task A_param_logged_twice_with_the_same_value_is_sent_once()
    {
        await using var server = await RecordingServer.StartAsync(gateOpen: false);
        using var client = new FathomClient(LoopbackApp.FastRetries(server.App.Url));
        var run = await client.StartRunAsync("e");
        run.LogParam("lr", 0.1);
        run.LogParam("lr", 0.1);
        server.Gate.SetResult();
        await run.DisposeAsync();

        Assert.Equal(1, server.Count("params"));
    }

    [Fact]
    public async Task Dispose_sets_finished_and_mark_failed_sets_failed()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = new FathomClient(LoopbackApp.FastRetries(server.App.Url));
        await using (var run = await client.StartRunAsync("e"))
        {
        }
        await using (var run = await client.StartRunAsync("e"))
        {
            run.MarkFailed(new InvalidOperationException("diverged"));
        }

        var statuses = server.Updates.Select(u => JsonDocument.Parse(u).RootElement.GetProperty("status").GetString()).ToList();
        Assert.Equal(["FINISHED", "FAILED"], statuses);
    }

    [Fact]
    public async Task Logging_after_the_run_ended_is_refused()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = new FathomClient(LoopbackApp.FastRetries(server.App.Url));
        var run = await client.StartRunAsync("e");
        await run.EndAsync();

        Assert.Throws<InvalidOperationException>(() => run.LogMetric("late", 1));
    }
}
