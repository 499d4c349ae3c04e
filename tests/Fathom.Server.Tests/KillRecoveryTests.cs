using System.Collections.Concurrent;
using System.Net;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests;

public sealed class KillRecoveryTests : IDisposable
{
    private const int Clients = 8;
    private readonly string _directory = Directory.CreateTempSubdirectory("fathom-kill-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_acknowledged_write_survives_a_kill_9_and_the_store_reopens_cleanly()
    {
        var storeUri = "sqlite:///" + Path.Combine(_directory, "fathom.db");
        var artifacts = Path.Combine(_directory, "artifacts");
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        string[] runIds;

        var server = await ServerProcess.StartAsync(storeUri, artifacts);
        using (server)
        {
            using var http = new HttpClient { BaseAddress = server.Address };
            var api = new MlflowApi(http);
            var experimentId = await api.CreateExperimentAsync();
            runIds = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => api.CreateRunAsync(experimentId, $"client-{i}")));

            using var stop = new CancellationTokenSource();
            var writers = runIds.Select(runId => Task.Run(() => WriteUntilStoppedAsync(server.Address, runId,
                acknowledged.GetOrAdd(runId, _ => []), stop.Token))).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(1.5));
            server.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Values.Sum(b => b.Count) > Clients * 5, "the clients should have logged before the kill");

        using var restarted = await ServerProcess.StartAsync(storeUri, artifacts);
        using var check = new HttpClient { BaseAddress = restarted.Address };
        var checkApi = new MlflowApi(check);
        foreach (var runId in runIds)
        {
            var history = await checkApi.OkGetAsync($"metrics/get-history?run_id={runId}&metric_key=m");
            var stored = history.TryGetProperty("metrics", out var metrics)
                ? metrics.EnumerateArray().Select(m => m.GetProperty("step").GetInt64()).ToHashSet()
                : [];
            var lost = acknowledged[runId].Where(step => !stored.Contains(step)).ToArray();
            Assert.True(lost.Length == 0, $"run {runId} lost acknowledged steps {string.Join(',', lost.Take(10))}");
        }
    }

    private static async Task WriteUntilStoppedAsync(Uri address, string runId, ConcurrentBag<long> acknowledged, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var api = new MlflowApi(http);
        for (long step = 0; !stop.IsCancellationRequested; step++)
        {
            try
            {
                var response = await api.PostAsync("runs/log-metric", Json(new { run_id = runId, key = "m", value = 1.0, timestamp = step, step }));
                if (response.Status == HttpStatusCode.OK)
                {
                    acknowledged.Add(step);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The server died mid-request: this write was never acknowledged.
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }
}
