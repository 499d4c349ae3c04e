using Fathom.Core.Tables;
using Fathom.Serving.PredictionLog;
using Fathom.Serving.Tests.Fixtures;
using Fathom.Tracking.Artifacts;

namespace Fathom.Serving.Tests.PredictionLog;

public sealed class LabelJoinerTests
{
    private const string Row = """{"dataframe_records": [{"f0": 0.1, "f1": 0.2, "f2": 0.3, "f3": 0.4, "f4": 0.5, "f5": 0.6, "f6": 0.7, "f7": 0.8, "f8": 0.9, "f9": 1.0}]}""";

    [Fact]
    public async Task Labels_join_the_logged_rows_by_request_id()
    {
        await using var server = await LoggedServerAsync();
        var labels = Labels(server);

        var result = await LabelJoiner.JoinAsync(server.PredictionLogFolder, "regressor", labels, "request_id", "label");

        AssertJoined(result, await TableReader.ReadAsync(result.Output!));
    }

    [Fact]
    public async Task Labels_join_a_prediction_log_kept_in_s3_and_the_labeled_rows_are_written_beside_it()
    {
        await using var server = await LoggedServerAsync();
        var labels = Labels(server);
        var environment = new Dictionary<string, string>
        {
            ["MLFLOW_S3_ENDPOINT_URL"] = Environment.GetEnvironmentVariable("FATHOM_TEST_S3_ENDPOINT")
                ?? throw new InvalidOperationException("FATHOM_TEST_S3_ENDPOINT is not set: run the tests with ./scripts/test.sh."),
            ["AWS_ACCESS_KEY_ID"] = "S3RVER",
            ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        };
        using var s3 = ArtifactRepositoryFactory.Create($"s3://fathom-test/labels-{Guid.NewGuid():N}", name => environment.GetValueOrDefault(name));
        foreach (var file in Directory.EnumerateFiles(server.PredictionLogFolder, "*.parquet", SearchOption.AllDirectories))
        {
            await using var content = File.OpenRead(file);
            await s3.WriteAsync(Path.GetRelativePath(server.PredictionLogFolder, file).Replace('\\', '/'), content);
        }

        var result = await LabelJoiner.JoinAsync(s3, "regressor", labels, "request_id", "label");

        Assert.StartsWith(s3.RootUri.TrimEnd('/') + "/regressor/labeled/date=", result.Output);
        var written = Assert.Single(await s3.ListAsync((await s3.ListAsync("regressor/labeled")).Single().Path));
        var copy = Path.Combine(server.PredictionLogFolder, "..", "labeled-from-s3.parquet");
        await using (var source = await s3.OpenReadAsync(written.Path))
        await using (var target = File.Create(copy))
            await source.CopyToAsync(target);
        AssertJoined(result, await TableReader.ReadAsync(copy));
    }

    private static async Task<RunningModelServer> LoggedServerAsync()
    {
        var server = await RunningModelServer.StartAsync(TestModels.Regressor);
        foreach (var id in new[] { "a", "b", "c" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = new StringContent(Row, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Request-Id", id);
            (await server.Http.SendAsync(request)).Dispose();
        }
        await server.StopAsync();
        return server;
    }

    private static string Labels(RunningModelServer server)
    {
        var labels = Path.Combine(server.PredictionLogFolder, "..", "labels.csv");
        File.WriteAllText(labels, "request_id,label\nb,1.5\nc,2.5\nz,9\n");
        return labels;
    }

    private static void AssertJoined(LabelJoiner.Result result, DataTable joined)
    {
        Assert.Equal(2, result.Joined);
        Assert.Equal(1, result.UnmatchedLabels);
        Assert.Equal(2, joined.RowCount);
        Assert.True(joined.Contains("prediction"));
        var byId = Enumerable.Range(0, 2).ToDictionary(r => joined["request_id"].Format(r)!, r => ((NumericColumn)joined["label"]).Values[r]);
        Assert.Equal(1.5, byId["b"]);
        Assert.Equal(2.5, byId["c"]);
    }
}
