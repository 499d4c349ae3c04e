using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fathom.Client.Tests;

public sealed class EnvironmentTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Fathom_tracking_uri_wins_over_mlflow_tracking_uri()
    {
        var options = FathomClientOptions.FromEnvironment(Env(
            ("FATHOM_TRACKING_URI", "http://fathom:1"), ("MLFLOW_TRACKING_URI", "http://mlflow:2")));

        Assert.Equal("http://fathom:1", options.TrackingUri);
    }

    [Fact]
    public void Mlflow_tracking_uri_is_used_when_fathom_tracking_uri_is_unset()
    {
        var options = FathomClientOptions.FromEnvironment(Env(("MLFLOW_TRACKING_URI", "http://mlflow:2")));

        Assert.Equal("http://mlflow:2", options.TrackingUri);
    }

    [Fact]
    public void Without_variables_the_tracking_uri_is_the_local_default()
    {
        var options = FathomClientOptions.FromEnvironment(Env());

        Assert.Equal("http://127.0.0.1:5000", options.TrackingUri);
        Assert.Null(options.Token);
    }

    [Fact]
    public void Retry_settings_are_read_from_mlflow_variables()
    {
        var options = FathomClientOptions.FromEnvironment(Env(
            ("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "2"), ("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "0.5"),
            ("MLFLOW_HTTP_REQUEST_TIMEOUT", "30")));

        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.BackoffFactor);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
    }

    [Fact]
    public void A_malformed_retry_variable_is_reported_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FathomClientOptions.FromEnvironment(Env(("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "many"))));

        Assert.Contains("MLFLOW_HTTP_REQUEST_MAX_RETRIES", error.Message);
    }

    [Fact]
    public async Task Username_and_password_are_sent_as_basic_auth()
    {
        var header = await AuthorizationHeaderSentWith(Env(("MLFLOW_TRACKING_USERNAME", "ada"), ("MLFLOW_TRACKING_PASSWORD", "s3cret")));

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:s3cret")), header);
    }

    [Fact]
    public async Task A_token_is_sent_as_bearer_auth_and_wins_over_basic()
    {
        var header = await AuthorizationHeaderSentWith(Env(
            ("MLFLOW_TRACKING_TOKEN", "tok-123"), ("MLFLOW_TRACKING_USERNAME", "ada"), ("MLFLOW_TRACKING_PASSWORD", "s3cret")));

        Assert.Equal("Bearer tok-123", header);
    }

    [Fact]
    public async Task Without_credentials_no_authorization_header_is_sent()
    {
        var header = await AuthorizationHeaderSentWith(Env());

        Assert.Equal("", header);
    }

    private static async Task<string> AuthorizationHeaderSentWith(Func<string, string?> environment)
    {
        var seen = "";
        await using var server = await LoopbackApp.StartAsync(app => app.MapGet("/api/2.0/mlflow/experiments/get", (HttpRequest request) =>
        {
            seen = request.Headers.Authorization.ToString();
            return Results.Text("""{"experiment": {"experiment_id": "1", "name": "x"}}""", "application/json");
        }));
        var options = FathomClientOptions.FromEnvironment(environment) with { TrackingUri = server.Url };
        using var client = new FathomClient(options);
        await client.GetExperimentAsync("1");
        return seen;
    }
}
