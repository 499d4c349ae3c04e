using Fathom.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fathom.Client.Tests;

public sealed class RetryTests
{
    private const string ExperimentJson = """{"experiment": {"experiment_id": "7", "name": "retried", "lifecycle_stage": "active"}}""";

    /// <summary>Answers experiments/get with <paramref name="failures"/> then 200, counting requests.</summary>
    private static Task<LoopbackApp> FailingThenOk(int[] counter, IReadOnlyList<IResult> failures) =>
        LoopbackApp.StartAsync(app => app.MapGet("/api/2.0/mlflow/experiments/get", () =>
        {
            var n = Interlocked.Increment(ref counter[0]);
            return n <= failures.Count ? failures[n - 1] : Results.Text(ExperimentJson, "application/json");
        }));

    [Fact]
    public async Task Transient_503s_are_retried_until_the_server_answers()
    {
        var count = new int[1];
        await using var server = await FailingThenOk(count, [Results.StatusCode(503), Results.StatusCode(503)]);
        using var client = new FathomClient(LoopbackApp.FastRetries(server.Url));

        var experiment = await client.GetExperimentAsync("7");

        Assert.Equal("retried", experiment.Name);
        Assert.Equal(3, count[0]);
    }

    [Fact]
    public async Task Status_429_and_other_5xx_are_retried()
    {
        var count = new int[1];
        await using var server = await FailingThenOk(count, [Results.StatusCode(429), Results.StatusCode(500), Results.StatusCode(502)]);
        using var client = new FathomClient(LoopbackApp.FastRetries(server.Url));

        await client.GetExperimentAsync("7");

        Assert.Equal(4, count[0]);
    }

    [Fact]
    public async Task Retries_stop_after_max_retries_with_the_last_error()
    {
        var count = new int[1];
        await using var server = await FailingThenOk(count, Enumerable.Repeat(Results.StatusCode(503), 10).ToList());
        using var client = new FathomClient(LoopbackApp.FastRetries(server.Url, maxRetries: 2));

        var error = await Assert.ThrowsAsync<FathomException>(() => client.GetExperimentAsync("7"));

        Assert.Equal(ErrorCode.TEMPORARILY_UNAVAILABLE, error.Code);
        Assert.Equal(3, count[0]);
    }

    [Fact]
    public async Task Client_mistakes_are_not_retried_and_keep_the_server_error()
    {
        var count = new int[1];
        var badRequest = Results.Text("""{"error_code": "INVALID_PARAMETER_VALUE", "message": "experiment_id must be a number"}""",
            "application/json", statusCode: 400);
        await using var server = await FailingThenOk(count, [badRequest]);
        using var client = new FathomClient(LoopbackApp.FastRetries(server.Url));

        var error = await Assert.ThrowsAsync<FathomInvalidParameterException>(() => client.GetExperimentAsync("x"));

        Assert.Equal("experiment_id must be a number", error.Message);
        Assert.Equal(1, count[0]);
    }

    [Fact]
    public async Task Not_implemented_is_not_retried()
    {
        var count = new int[1];
        await using var server = await FailingThenOk(count, [Results.StatusCode(501)]);
        using var client = new FathomClient(LoopbackApp.FastRetries(server.Url));

        var error = await Assert.ThrowsAsync<FathomException>(() => client.GetExperimentAsync("7"));

        Assert.Equal(ErrorCode.FEATURE_DISABLED, error.Code);
        Assert.Equal(1, count[0]);
    }

    [Fact]
    public async Task Resource_does_not_exist_becomes_a_typed_not_found_exception()
    {
        var count = new int[1];
        var notFound = Results.Text("""{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "No Experiment with id=7 exists"}""",
            "application/json", statusCode: 404);
        await using var server = await FailingThenOk(count, [notFound]);
        using var client = new FathomClient(LoopbackApp.FastRetries(server.Url));

        FathomException error = await Assert.ThrowsAsync<FathomResourceNotFoundException>(() => client.GetExperimentAsync("7"));

        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, error.Code);
        Assert.Equal(1, count[0]);
    }

    [Fact]
    public async Task Connection_refused_is_retried_then_reported_as_unreachable()
    {
        var url = $"http://127.0.0.1:{LoopbackApp.UnusedPort()}";
        using var client = new FathomClient(LoopbackApp.FastRetries(url, maxRetries: 2));

        var error = await Assert.ThrowsAsync<FathomConnectionException>(() => client.GetExperimentAsync("7"));

        Assert.Contains("after 3 attempts", error.Message);
        Assert.Contains(url, error.Message);
    }

    [Fact]
    public async Task A_server_that_comes_up_during_the_retries_is_reached()
    {
        var port = LoopbackApp.UnusedPort();
        var options = LoopbackApp.FastRetries($"http://127.0.0.1:{port}", maxRetries: 8) with { BackoffFactor = TimeSpan.FromMilliseconds(50) };
        using var client = new FathomClient(options);

        var call = client.GetExperimentAsync("7");
        await Task.Delay(100);
        await using var server = await LoopbackApp.StartAsync(app =>
        {
            app.Urls.Clear();
            app.Urls.Add($"http://127.0.0.1:{port}");
            app.MapGet("/api/2.0/mlflow/experiments/get", () => Results.Text(ExperimentJson, "application/json"));
        });

        Assert.Equal("retried", (await call).Name);
    }
}
