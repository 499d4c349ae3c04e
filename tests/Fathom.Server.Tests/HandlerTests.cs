using Fathom.Core.Errors;
using Fathom.Server.Apis;
using Fathom.Server.Wire;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Tests;

/// <summary>Handlers are public static methods over typed messages, so they run without HTTP against a real store.</summary>
public sealed class HandlerTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fathom-handler-tests-").FullName;
    private ITrackingStore _store = null!;

    public async Task InitializeAsync() =>
        _store = await TrackingStoreFactory.OpenAsync("sqlite:///" + Path.Combine(_directory, "fathom.db"));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Log_metric_handler_writes_through_to_the_store()
    {
        var created = await RunsApi.CreateRun(new CreateRunRequest { ExperimentId = "0", RunName = "direct" }, _store, default);
        var runId = created.Run.Info!.RunId!;

        await RunsApi.LogMetric(new LogMetricRequest { RunId = runId, Key = "loss", Value = 0.5, Timestamp = 10, Step = 1 }, _store, default);

        var run = await RunsApi.GetRun(new GetRunRequest { RunId = runId }, _store, default);
        var metric = Assert.Single(run.Run.Data!.Metrics!);
        Assert.Equal(("loss", 0.5, 10L, 1L), (metric.Key, metric.Value!.Value, metric.Timestamp!.Value, metric.Step!.Value));
    }

    [Fact]
    public async Task Handlers_surface_store_errors_as_FathomException_for_the_one_error_handler()
    {
        var e = await Assert.ThrowsAsync<FathomException>(() =>
            RunsApi.GetRun(new GetRunRequest { RunId = "ffffffffffffffffffffffffffffffff" }, _store, default));
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, e.Code);
    }

    [Fact]
    public void Request_validation_runs_before_any_handler()
    {
        var request = new LogMetricRequest { RunUuid = "abc", Key = "k", Value = 1 };
        var e = Assert.Throws<FathomException>(request.Validate);
        Assert.Contains("'timestamp'", e.Message);
        Assert.Equal("abc", request.RunId);
    }
}
