using System.Net.Http.Json;
using Fathom.Serving.Models;
using Microsoft.AspNetCore.Builder;

namespace Fathom.Serving.Tests.Fixtures;

/// <summary>A real model server on Kestrel 127.0.0.1 (free port) with its own prediction log folder.</summary>
public sealed class RunningModelServer : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = new();

    public ServingOptions Options { get; private set; } = new();

    public string PredictionLogFolder => _folder.Combine("predictions");

    internal WebApplication App => _app!;

    public static Task<RunningModelServer> StartAsync(string modelUri, Action<ServingOptions>? configure = null) =>
        StartAsync(options => ModelServer.Build(options), modelUri, configure);

    internal static Task<RunningModelServer> StartAsync(IModelSource source, Action<ServingOptions>? configure = null) =>
        StartAsync(options => ModelServer.Build(options, source), source.Uri, configure);

    private static async Task<RunningModelServer> StartAsync(Func<ServingOptions, WebApplication> build, string modelUri, Action<ServingOptions>? configure)
    {
        var server = new RunningModelServer();
        server.Options = new ServingOptions
        {
            ModelUri = modelUri,
            Port = 0,
            PredictionLogDestination = server.PredictionLogFolder,
            RegistryPollInterval = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(server.Options);
        server._app = build(server.Options);
        await server._app.StartAsync();
        server.Http = new HttpClient { BaseAddress = ModelServer.Address(server._app) };
        await server.WaitUntilReadyAsync();
        return server;
    }

    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync("/health");
            if (response.IsSuccessStatusCode) return;
            await Task.Delay(25);
        }
        throw new TimeoutException("The model server did not become ready within 60 s.");
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Stops the server the way a shutdown does: requests drain, the prediction log flushes.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        _folder.Dispose();
    }
}
