using System.Collections.Concurrent;
using System.Net;
using Fathom.Serving.Models;
using Fathom.Serving.Tests.Fixtures;

namespace Fathom.Serving.Tests.Hosting;

public sealed class HotSwapTests
{
    /// <summary>A URI that moves like <c>models:/name@alias</c>: the test points it at another real package.</summary>
    private sealed class MovableSource(string folder, string version) : IModelSource
    {
        private volatile ResolvedModel _target = new(folder, "regressor", version, "champion");

        public string Uri => "models:/regressor@champion";

        public bool CanMove => true;

        public void MoveTo(string folder, string version) => _target = new ResolvedModel(folder, "regressor", version, "champion");

        public Task<string> CurrentVersionAsync(CancellationToken ct) => Task.FromResult(_target.Version);

        public Task<ResolvedModel> ResolveAsync(CancellationToken ct) => Task.FromResult(_target);
    }

    private const string OneRow = """{"dataframe_records": [{"f0": 0.1, "f1": 0.2, "f2": 0.3, "f3": 0.4, "f4": 0.5, "f5": 0.6, "f6": 0.7, "f7": 0.8, "f8": 0.9, "f9": 1.0}]}""";

    [Fact]
    public async Task Moving_the_alias_under_load_swaps_versions_without_a_failed_request_and_refuses_a_broken_one()
    {
        var source = new MovableSource(TestModels.Regressor, "1");
        await using var server = await RunningModelServer.StartAsync(source, o => o.PredictionLogEnabled = false);
        var failures = new ConcurrentBag<string>();
        var versions = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();

        async Task LoadAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await server.PostJsonAsync("/invocations", OneRow);
                if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                else versions.AddOrUpdate(response.Headers.GetValues("X-Fathom-Model-Version").Single(), 1, (_, n) => n + 1);
            }
        }

        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(LoadAsync)).ToArray();
        await WaitForAsync(() => versions.ContainsKey("1"));
        source.MoveTo(TestModels.RegressorV2, "2");
        await WaitForAsync(() => versions.ContainsKey("2") && versions["2"] > 20);
        source.MoveTo(TestModels.OtherInputs, "3");
        await WaitForAsync(() => Metric(server, "fathom_serving_model_refused_total") >= 1);
        var servedAfterRefusal = versions["2"];
        await WaitForAsync(() => versions["2"] > servedAfterRefusal + 20);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.False(versions.ContainsKey("3"));
        Assert.Contains("\"model_version\":\"2\"", (await server.Http.GetStringAsync("/version")).Replace(" ", ""));
        Assert.Equal(1, Metric(server, "fathom_serving_model_swaps_total"));
    }

    private static double Metric(RunningModelServer server, string name)
    {
        var text = server.Http.GetStringAsync("/metrics").GetAwaiter().GetResult();
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 60 s.");
            await Task.Delay(20);
        }
    }
}
