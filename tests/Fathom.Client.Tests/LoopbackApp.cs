using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Client.Tests;

/// <summary>
/// A small real HTTP server on Kestrel 127.0.0.1 with a random port, for behaviours the tracking server cannot be made
/// to show on demand (fail the first N requests, hold a request open, echo headers).
/// </summary>
internal sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<LoopbackApp> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LoopbackApp(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A port nothing listens on: bound, then released.</summary>
    public static int UnusedPort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Options that retry fast, so retry tests take milliseconds.</summary>
    public static FathomClientOptions FastRetries(string url, int maxRetries = 3) => new()
    {
        TrackingUri = url,
        MaxRetries = maxRetries,
        BackoffFactor = TimeSpan.FromMilliseconds(5),
        BackoffJitter = TimeSpan.FromMilliseconds(5),
    };
}
