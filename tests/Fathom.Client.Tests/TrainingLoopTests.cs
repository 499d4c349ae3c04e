using System.Security.Cryptography;

namespace Fathom.Client.Tests;

/// <summary>What training code does, end to end against a real Fathom server.</summary>
public sealed class TrainingLoopTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    [Fact]
    public async Task A_training_loop_logs_params_10k_buffered_metric_steps_and_tags()
    {
        using var client = server.CreateClient();
        string runId;
        await using (var run = await client.StartRunAsync("training-loop", "baseline"))
        {
            runId = run.RunId;
            run.LogParam("lr", 0.01);
            run.LogParam("epochs", 10_000);
            run.SetTag("team", "fraud");
            for (var step = 0; step < 10_000; step++)
                run.LogMetric("loss", 1.0 / (step + 1), step);
            run.LogMetric("nan_metric", double.NaN);
        }

        var stored = await client.GetRunAsync(runId);
        Assert.Equal(RunStatus.Finished, stored.Info.Status);
        Assert.NotNull(stored.Info.EndTime);
        Assert.Equal("baseline", stored.Info.RunName);
        Assert.Contains(new Param("lr", "0.01"), stored.Data.Params);
        Assert.Contains(new Param("epochs", "10000"), stored.Data.Params);
        Assert.Contains(new RunTag("team", "fraud"), stored.Data.Tags);
        Assert.True(double.IsNaN(stored.Data.Metrics.Single(m => m.Key == "nan_metric").Value));

        var history = new List<Metric>();
        await foreach (var metric in client.GetAllMetricHistoryAsync(runId, "loss", pageSize: 3000))
            history.Add(metric);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), history.Select(m => m.Step).Order());
    }

    [Fact]
    public async Task An_artifact_uploads_and_downloads_through_the_server_byte_for_byte()
    {
        using var client = server.CreateClient();
        var model = Path.Combine(server.DataDirectory, "model.bin");
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        await File.WriteAllBytesAsync(model, bytes);
        string runId;
        await using (var run = await client.StartRunAsync("artifacts-roundtrip", "with-model"))
        {
            runId = run.RunId;
            await run.LogArtifactAsync(model, "model");
        }

        var listed = await client.ListArtifactsAsync(runId, "model");
        Assert.Equal(bytes.Length, listed.Single(f => f.Path == "model/model.bin").FileSize);
        var downloadDir = Path.Combine(server.DataDirectory, "download-" + runId);
        var local = await client.DownloadArtifactsAsync(runId, "model", downloadDir);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(local, "model.bin"))));
    }

    [Fact]
    public async Task Runs_get_mlflow_system_tags_including_git_state()
    {
        using var client = server.CreateClient();
        string runId;
        await using (var run = await client.StartRunAsync("system-tags", "tagged"))
            runId = run.RunId;

        var tags = (await client.GetRunAsync(runId)).Data.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("LOCAL", tags["mlflow.source.type"]);
        Assert.Equal(Environment.UserName, tags["mlflow.user"]);
        Assert.Equal("tagged", tags["mlflow.runName"]);
        Assert.False(string.IsNullOrEmpty(tags["mlflow.source.name"]));
        // The tests run inside the Fathom checkout, which is a git working tree.
        Assert.Matches("^[0-9a-f]{40}$", tags["mlflow.source.git.commit"]);
        Assert.Contains(tags["fathom.source.git.dirty"], new[] { "true", "false" });
    }

    [Fact]
    public async Task Child_runs_point_to_their_parent()
    {
        using var client = server.CreateClient();
        string parentId, childId;
        await using (var parent = await client.StartRunAsync("nested", "sweep"))
        {
            parentId = parent.RunId;
            await using var child = await parent.StartChildRunAsync("trial-1");
            childId = child.RunId;
            child.LogMetric("acc", 0.9);
        }

        var child_ = await client.GetRunAsync(childId);
        Assert.Contains(new RunTag("mlflow.parentRunId", parentId), child_.Data.Tags);
        Assert.Equal(RunStatus.Finished, child_.Info.Status);
        var parentRun = await client.GetRunAsync(parentId);
        Assert.Equal(parentRun.Info.ExperimentId, child_.Info.ExperimentId);
    }

    [Fact]
    public async Task An_exception_in_the_run_body_ends_the_run_as_failed_and_propagates()
    {
        using var client = server.CreateClient();
        string? runId = null;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.RunAsync("failing", "diverged", run =>
        {
            runId = run.RunId;
            run.LogMetric("loss", double.PositiveInfinity);
            throw new InvalidOperationException("loss diverged");
        }));

        Assert.Equal("loss diverged", error.Message);
        var stored = await client.GetRunAsync(runId!);
        Assert.Equal(RunStatus.Failed, stored.Info.Status);
        Assert.True(double.IsPositiveInfinity(stored.Data.Metrics.Single(m => m.Key == "loss").Value));
    }

    [Fact]
    public async Task Start_run_creates_the_experiment_once_and_reuses_it()
    {
        using var client = server.CreateClient();
        await using var first = await client.StartRunAsync("created-on-demand");
        await using var second = await client.StartRunAsync("created-on-demand");

        Assert.Equal(first.ExperimentId, second.ExperimentId);
        Assert.Equal("created-on-demand", (await client.GetExperimentAsync(first.ExperimentId)).Name);
    }
}
