using System.Net;
using System.Text;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests;

/// <summary>Every client mistake is a 4xx with MLflow's error body, and the server keeps serving afterwards.</summary>
public sealed class RequestErrorTests(StrictServerFixture server) : IClassFixture<StrictServerFixture>
{
    private readonly MlflowApi _api = server.Api;

    private async Task AssertStillHealthyAsync()
    {
        var health = await _api.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.Status);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{name: 'x'}")]
    [InlineData("not json at all")]
    [InlineData("{\"name\": \"x\"} trailing")]
    [InlineData("[1, 2, 3]")]
    public async Task Malformed_JSON_is_a_400_MALFORMED_REQUEST(string body)
    {
        var response = await _api.PostAsync("experiments/create", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("MALFORMED_REQUEST", response.ErrorCode);
        await AssertStillHealthyAsync();
    }

    [Theory]
    [InlineData("runs/log-metric", """{"run_id": "r", "key": "k", "value": 1, "timestamp": "yesterday"}""", "timestamp")]
    [InlineData("runs/log-metric", """{"run_id": "r", "key": "k", "value": {"x": 1}, "timestamp": 1}""", "value")]
    [InlineData("runs/log-metric", """{"run_id": ["r"], "key": "k", "value": 1, "timestamp": 1}""", "run_id")]
    [InlineData("runs/log-batch", """{"run_id": "r", "metrics": "many"}""", "metrics")]
    [InlineData("runs/log-batch", """{"run_id": "r", "metrics": [{"key": "k", "value": 1, "timestamp": 1.5}]}""", "metrics[0].timestamp")]
    [InlineData("runs/update", """{"run_id": "r", "status": "SLEEPING"}""", "status")]
    [InlineData("runs/update", """{"run_id": "r", "status": 42}""", "status")]
    [InlineData("runs/search", """{"experiment_ids": [{"id": 1}]}""", "experiment_ids")]
    [InlineData("runs/search", """{"max_results": 50001}""", "max_results")]
    [InlineData("experiments/search", """{"view_type": "SOME"}""", "view_type")]
    public async Task Wrong_types_are_INVALID_PARAMETER_VALUE_naming_the_parameter(string path, string body, string parameter)
    {
        var response = await _api.PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
        Assert.Contains($"'{parameter}'", response.Message);
    }

    [Theory]
    [InlineData("experiments/create", "{}", "name")]
    [InlineData("experiments/update", """{"experiment_id": "0"}""", "new_name")]
    [InlineData("experiments/delete", "", "experiment_id")]
    [InlineData("runs/log-metric", """{"run_id": "r", "key": "k", "timestamp": 1}""", "value")]
    [InlineData("runs/log-metric", """{"run_id": "r", "key": "k", "value": 1}""", "timestamp")]
    [InlineData("runs/log-parameter", """{"key": "k", "value": "v"}""", "run_id")]
    [InlineData("runs/log-batch", """{"run_id": "r", "metrics": [{"key": "k", "timestamp": 1}]}""", "metrics[0].value")]
    [InlineData("runs/log-batch", """{"run_id": "r", "params": [{"value": "v"}]}""", "params[0].key")]
    [InlineData("runs/log-inputs", """{"run_id": "r", "datasets": [{"dataset": {"name": "d"}}]}""", "datasets[0].dataset.digest")]
    public async Task Missing_required_fields_are_INVALID_PARAMETER_VALUE_with_MLflow_message(string path, string body, string parameter)
    {
        var response = await _api.PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
        Assert.Equal($"Missing value for required parameter '{parameter}'. See the API docs for more information about request parameters.",
            response.Message);
    }

    [Fact]
    public async Task Missing_query_parameter_on_GET_is_INVALID_PARAMETER_VALUE()
    {
        var response = await _api.GetAsync("runs/get");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("'run_id'", response.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_declared_as_JSON_is_refused_as_MLflow_does()
    {
        var response = await _api.PostAsync("experiments/create", Json(new { name = Unique("ct") }), "text/plain");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
        Assert.Contains("Content-Type", response.Message);
    }

    [Fact]
    public async Task A_double_encoded_JSON_body_from_old_clients_is_decoded()
    {
        var name = Unique("double");
        var response = await _api.PostAsync("experiments/create", Json(Json(new { name })));
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task An_oversized_body_is_a_400_with_the_error_body()
    {
        var padding = new string('x', StrictServerFixture.BodyLimit);
        var response = await _api.PostAsync("experiments/create", Json(new { name = "big", artifact_location = padding }));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.ErrorCode);
        Assert.Contains("limit", response.Message);
        await AssertStillHealthyAsync();
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_content_length_is_refused_too()
    {
        var padding = Encoding.UTF8.GetBytes(Json(new { name = "big", artifact_location = new string('x', StrictServerFixture.BodyLimit * 2) }));
        using var content = new StreamContent(new MemoryStream(padding));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Prefix + "experiments/create") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("BAD_REQUEST", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "/api/2.0/mlflow/no/such/endpoint")]
    [InlineData("POST", "/ajax-api/2.0/mlflow/runs/teleport")]
    [InlineData("GET", "/api/2.0/mlflow/runs/create")]
    [InlineData("DELETE", "/api/2.0/mlflow/experiments/get")]
    public async Task Unknown_endpoints_and_wrong_methods_are_ENDPOINT_NOT_FOUND(string method, string path)
    {
        using var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"error_code\":\"ENDPOINT_NOT_FOUND\"", body);
    }

    [Theory]
    [InlineData("metrics.acc >>> 1")]
    [InlineData("params.lr = ")]
    [InlineData("drop table runs; --")]
    [InlineData("attributes.nope = 'x'")]
    [InlineData("metrics.acc > 'abc' AND (")]
    public async Task Garbage_filters_are_INVALID_PARAMETER_VALUE(string filter)
    {
        var response = await _api.PostAsync("runs/search", Json(new { experiment_ids = new[] { "0" }, filter }));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
        await AssertStillHealthyAsync();
    }

    [Fact]
    public async Task Invalid_metric_keys_are_rejected_by_the_store_as_client_errors()
    {
        var runId = await _api.CreateRunAsync("0");
        var response = await _api.PostAsync("runs/log-metric", Json(new { run_id = runId, key = "../escape", value = 1.0, timestamp = 1L }));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_PARAMETER_VALUE", response.ErrorCode);
    }
}
