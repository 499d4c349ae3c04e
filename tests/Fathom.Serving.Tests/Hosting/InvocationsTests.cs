using System.Net;
using System.Text.Json;
using Fathom.Models.Packaging;
using Fathom.Serving.Tests.Fixtures;

namespace Fathom.Serving.Tests.Hosting;

public sealed class InvocationsTests
{
    private static string Split(int rows, string prefix = "f")
    {
        var table = TestModels.Rows(rows, prefix);
        var data = Enumerable.Range(0, rows).Select(r => "[" + string.Join(",", table.Columns.Select(c => c.Format(r))) + "]");
        var columns = string.Join(",", table.ColumnNames.Select(n => $"\"{n}\""));
        return "{\"dataframe_split\": {\"columns\": [" + columns + "], \"data\": [" + string.Join(",", data) + "]}}";
    }

    private static double[] Expected(int rows)
    {
        using var model = ModelLoader.Load(TestModels.Regressor);
        var output = model.Predict(TestModels.Rows(rows));
        return Enumerable.Range(0, rows).Select(r => double.Parse(output.Prediction.Format(r)!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public async Task Dataframe_split_returns_the_predictions_the_model_makes_in_process()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);

        using var response = await server.PostJsonAsync("/invocations", Split(3));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var predictions = body.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.Equal(Expected(3), predictions, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Request-Id").Single()));
        Assert.Equal("local", response.Headers.GetValues("X-Fathom-Model-Version").Single());
    }

    [Fact]
    public async Task Records_instances_inputs_and_csv_give_the_same_predictions_as_split()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);
        var names = TestModels.FeatureNames();
        var record = "{" + string.Join(",", names.Select((n, i) => $"\"{n}\": {(i + 1) / 10.0}")) + "}";
        var columnar = "{" + string.Join(",", names.Select((n, i) => $"\"{n}\": [{(i + 1) / 10.0}]")) + "}";
        var csv = string.Join(",", names) + "\n" + string.Join(",", names.Select((_, i) => (i + 1) / 10.0)) + "\n";

        var split = await PredictAsync(server.PostJsonAsync("/invocations", Split(1)));
        Assert.Equal(split, await PredictAsync(server.PostJsonAsync("/invocations", $$"""{"dataframe_records": [{{record}}]}""")));
        Assert.Equal(split, await PredictAsync(server.PostJsonAsync("/invocations", $$"""{"instances": [{{record}}]}""")));
        Assert.Equal(split, await PredictAsync(server.PostJsonAsync("/invocations", $$"""{"inputs": {{columnar}}}""")));
        Assert.Equal(split, await PredictAsync(server.Http.PostAsync("/invocations", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"))));
    }

    private static async Task<double> PredictAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var body = JsonDocument.Parse(text);
        return Math.Round(body.RootElement.GetProperty("predictions")[0].GetDouble(), 6);
    }

    [Fact]
    public async Task A_missing_column_is_a_400_naming_it()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);

        using var response = await server.PostJsonAsync("/invocations", """{"dataframe_records": [{"f0": 1, "f1": 2}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_PARAMETER_VALUE", body.RootElement.GetProperty("error_code").GetString());
        Assert.Contains("f2", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_malformed_payload_is_a_400_bad_request()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);

        using var response = await server.PostJsonAsync("/invocations", """{"dataframe_split": {"columns": ["f0"], "data": [[1], [2, 3]]}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("BAD_REQUEST", body.RootElement.GetProperty("error_code").GetString());
        Assert.Contains("Row 2", body.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=latin-1")]
    [InlineData("application/json; format=pandas-split")]
    public async Task Other_content_types_are_a_415(string contentType)
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);
        var content = new StringContent(Split(1));
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await server.Http.PostAsync("/invocations", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor, o => o.MaxRequestBodyBytes = 2048);

        using var response = await server.PostJsonAsync("/invocations", Split(200));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_answered_504_deadline_exceeded()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor, o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Http.BaseAddress!.Host, server.Http.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = "POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"dataframe_split\": ";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var rest = new char[4096];
        var read = await reader.ReadAsync(rest).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 504", status);
        Assert.Contains("DEADLINE_EXCEEDED", new string(rest, 0, read));
    }

    [Fact]
    public async Task Responses_of_different_sizes_in_a_row_each_hold_exactly_their_own_predictions()
    {
        // Response buffers are pooled: a small answer after a large one must not carry the large one's bytes.
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor, o => o.PredictionLogEnabled = false);

        foreach (var rows in new[] { 50, 1, 20, 1 })
        {
            using var response = await server.PostJsonAsync("/invocations", Split(rows));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var predictions = body.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()).ToArray();
            Assert.Equal(Expected(rows), predictions, (a, b) => Math.Abs(a - b) < 1e-5);
        }
    }
}
