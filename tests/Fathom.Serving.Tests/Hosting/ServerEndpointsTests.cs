using System.Net;
using System.Text.Json;
using Fathom.Core.Tables;
using Fathom.Serving.Tests.Fixtures;

namespace Fathom.Serving.Tests.Hosting;

public sealed class ServerEndpointsTests
{
    private const string OneRow = """{"dataframe_records": [{"f0": 0.1, "f1": 0.2, "f2": 0.3, "f3": 0.4, "f4": 0.5, "f5": 0.6, "f6": 0.7, "f7": 0.8, "f8": 0.9, "f9": 1.0}]}""";

    [Fact]
    public async Task Ping_health_and_v2_readiness_answer_once_the_model_is_loaded()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);

        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/v2/health/live")).StatusCode);
        Assert.Contains("true", await server.Http.GetStringAsync("/v2/health/ready"));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_model_never_becomes_healthy_and_stops_the_server()
    {
        using var folder = new TempFolder();
        var options = new ServingOptions { ModelUri = folder.Path, Port = 0, PredictionLogEnabled = false };
        await using var app = ModelServer.Build(options);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = ModelServer.Address(app) };

        var lifetime = (Microsoft.Extensions.Hosting.IHostApplicationLifetime)app.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime))!;
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("MLmodel", ModelServer.StartupFailure(app));
    }

    [Fact]
    public async Task Version_names_the_model_version_flavor_and_signature()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);

        using var version = JsonDocument.Parse(await server.Http.GetStringAsync("/version"));

        Assert.Equal("regressor", version.RootElement.GetProperty("model_name").GetString());
        Assert.Equal("local", version.RootElement.GetProperty("model_version").GetString());
        Assert.Equal("mlnet", version.RootElement.GetProperty("flavor").GetString());
        Assert.Equal(10, version.RootElement.GetProperty("signature").GetProperty("inputs").GetArrayLength());
    }

    [Fact]
    public async Task Metrics_count_requests_errors_rows_and_show_the_model_version()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);
        (await server.PostJsonAsync("/invocations", OneRow)).Dispose();
        (await server.PostJsonAsync("/invocations", """{"dataframe_records": [{"f0": 1}]}""")).Dispose();

        var metrics = await server.Http.GetStringAsync("/metrics");

        Assert.Contains("fathom_serving_requests_total{endpoint=\"invocations\",status=\"200\"} 1", metrics);
        Assert.Contains("fathom_serving_request_errors_total{endpoint=\"invocations\",error_code=\"INVALID_PARAMETER_VALUE\"} 1", metrics);
        Assert.Contains("fathom_serving_rows_scored_total 1", metrics);
        Assert.Contains("fathom_serving_request_duration_seconds_bucket{endpoint=\"invocations\"", metrics);
        Assert.Contains("fathom_serving_batch_rows_count 1", metrics);
        Assert.Contains("fathom_serving_model_info{name=\"regressor\",version=\"local\",alias=\"\",flavor=\"mlnet\"} 1", metrics);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_signature_columns_and_the_docs_page_is_served()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);

        using var document = JsonDocument.Parse(await server.Http.GetStringAsync("/openapi.json"));
        var row = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("InputRow");
        Assert.Equal("number", row.GetProperty("properties").GetProperty("f3").GetProperty("type").GetString());
        Assert.Equal(10, row.GetProperty("required").GetArrayLength());
        var example = document.RootElement.GetProperty("paths").GetProperty("/invocations").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(2, example.GetProperty("dataframe_split").GetProperty("data").GetArrayLength());

        var page = await server.Http.GetAsync("/docs");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("openapi.json", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task V2_infer_takes_one_tensor_per_column_or_one_row_major_tensor()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);
        var perColumn = "{\"id\": \"r1\", \"inputs\": [" + string.Join(",", TestModels.FeatureNames().Select((n, i) =>
            $$"""{"name": "{{n}}", "shape": [1], "datatype": "FP32", "data": [{{(i + 1) / 10.0}}]}""")) + "]}";
        var rowMajor = "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 10], \"datatype\": \"FP64\", \"data\": [[" +
            string.Join(",", Enumerable.Range(1, 10).Select(i => i / 10.0)) + "]]}]}";

        using var a = JsonDocument.Parse(await (await server.PostJsonAsync("/v2/models/regressor/infer", perColumn)).Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await (await server.PostJsonAsync("/v2/models/regressor/infer", rowMajor)).Content.ReadAsStringAsync());

        Assert.Equal("r1", a.RootElement.GetProperty("id").GetString());
        Assert.Equal("regressor", a.RootElement.GetProperty("model_name").GetString());
        var first = a.RootElement.GetProperty("outputs")[0];
        Assert.Equal(1, first.GetProperty("shape")[0].GetInt32());
        Assert.Equal(first.GetProperty("data")[0].GetDouble(), b.RootElement.GetProperty("outputs")[0].GetProperty("data")[0].GetDouble(), 6);
    }

    [Fact]
    public async Task V2_answers_errors_in_its_own_shape_and_404_for_another_model()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);

        using var wrongModel = await server.Http.GetAsync("/v2/models/other");
        using var badTensor = await server.PostJsonAsync("/v2/models/regressor/infer", """{"inputs": [{"name": "f0", "shape": [2], "datatype": "FP32", "data": [1]}]}""");

        Assert.Equal(HttpStatusCode.NotFound, wrongModel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTensor.StatusCode);
        using var error = JsonDocument.Parse(await badTensor.Content.ReadAsStringAsync());
        Assert.Contains("needs 2", error.RootElement.GetProperty("error").GetString());
        using var metadata = JsonDocument.Parse(await server.Http.GetStringAsync("/v2/models/regressor"));
        Assert.Equal("FP32", metadata.RootElement.GetProperty("inputs")[0].GetProperty("datatype").GetString());
    }

    [Fact]
    public async Task Every_scored_row_reaches_the_prediction_log_with_its_request_id()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor);
        var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = new StringContent(OneRow, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Request-Id", "client-42");
        using var response = await server.Http.SendAsync(request);
        Assert.Equal("client-42", response.Headers.GetValues("X-Request-Id").Single());

        await server.StopAsync();

        var file = Assert.Single(Directory.GetFiles(server.PredictionLogFolder, "*.parquet", SearchOption.AllDirectories));
        Assert.Contains($"regressor{Path.DirectorySeparatorChar}date={DateTime.UtcNow:yyyy-MM-dd}", file);
        var log = await TableReader.ReadAsync(file);
        Assert.Equal(1, log.RowCount);
        Assert.Equal("client-42", log["request_id"].Format(0));
        Assert.Equal(0.1, ((NumericColumn)log["f0"]).Values[0], 6);
        Assert.True(log.Contains("prediction"));
    }

    [Fact]
    public async Task With_the_log_off_nothing_is_written()
    {
        await using var server = await RunningModelServer.StartAsync(TestModels.Regressor, o => o.PredictionLogEnabled = false);
        (await server.PostJsonAsync("/invocations", OneRow)).Dispose();

        await server.StopAsync();

        Assert.False(Directory.Exists(server.PredictionLogFolder) && Directory.EnumerateFiles(server.PredictionLogFolder, "*", SearchOption.AllDirectories).Any());
    }
}
