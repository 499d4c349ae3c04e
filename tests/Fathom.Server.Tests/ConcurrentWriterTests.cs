using System.Net;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests;

public sealed class ConcurrentWriterTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const int Writers = 8;
    private const int WritesPerWriter = 40;

    [Fact]
    public async Task Many_clients_writing_to_one_run_lose_nothing_and_see_no_5xx()
    {
        var api = server.Api;
        var runId = await api.CreateRunAsync(await api.CreateExperimentAsync());
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = server.Http.BaseAddress };
            var client = new MlflowApi(http);
            for (var i = 0; i < WritesPerWriter; i++)
            {
                var step = (long)writer * WritesPerWriter + i;
                statuses.Add((await client.PostAsync("runs/log-metric",
                    Json(new { run_id = runId, key = "m", value = (double)step, timestamp = step, step }))).Status);
                if (i % 10 == 0)
                {
                    statuses.Add((await client.PostAsync("runs/set-tag", Json(new { run_id = runId, key = $"t{writer}-{i}", value = "v" }))).Status);
                    statuses.Add((await client.PostAsync("runs/log-parameter", Json(new { run_id = runId, key = $"p{writer}-{i}", value = "v" }))).Status);
                }
            }
        })));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var history = await api.OkGetAsync($"metrics/get-history?run_id={runId}&metric_key=m");
        var steps = history.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("step").GetInt64()).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, Writers * WritesPerWriter).Select(i => (long)i), steps);

        var data = (await api.OkGetAsync($"runs/get?run_id={runId}")).GetProperty("run").GetProperty("data");
        Assert.Equal(Writers * (WritesPerWriter / 10), data.GetProperty("params").GetArrayLength());
        Assert.Equal(Writers * (WritesPerWriter / 10), data.GetProperty("tags").EnumerateArray()
            .Count(t => t.GetProperty("key").GetString()!.StartsWith('t')));
    }
}
