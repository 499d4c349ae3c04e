using Fathom.Core.Tables;
using Fathom.Serving.PredictionLog;
using Fathom.Serving.Tests.Fixtures;

namespace Fathom.Serving.Tests.PredictionLog;

public sealed class LabelJoinerTests
{
    private const string Row = """{"dataframe_records": [{"f0": 0.1, "f1": 0.2, "f2": 0.3, "f3": 0.4, "f4": 0.5, "f5": 0.6, "f6": 0.7, "f7": 0.8, "f8": 0.9, "f9": 1.0}]}""";

    [Fact]
    public async Task Labels_join_the_logged_rows_by_request_id()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);
        foreach (var id in new[] { "a", "b", "c" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = new StringContent(Row, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Request-Id", id);
            (await server.Http.SendAsync(request)).Dispose();
        }
        await server.StopAsync();
        var labels = Path.Combine(server.PredictionLogFolder, "..", "labels.csv");
        File.WriteAllText(labels, "request_id,label\nb,1.5\nc,2.5\nz,9\n");

        var result = await LabelJoiner.JoinAsync(server.PredictionLogFolder, "regressor", labels, "request_id", "label");

        Assert.Equal(2, result.Joined);
        Assert.Equal(1, result.UnmatchedLabels);
        var joined = await TableReader.ReadAsync(result.Output!);
        Assert.Equal(2, joined.RowCount);
        Assert.True(joined.Contains("prediction"));
        var byId = Enumerable.Range(0, 2).ToDictionary(r => joined["request_id"].Format(r)!, r => ((NumericColumn)joined["label"]).Values[r]);
        Assert.Equal(1.5, byId["b"]);
        Assert.Equal(2.5, byId["c"]);
    }
}
