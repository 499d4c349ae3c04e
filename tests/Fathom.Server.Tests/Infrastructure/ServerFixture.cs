using Fathom.Server;
using Microsoft.AspNetCore.Builder;

namespace Fathom.Server.Tests.Infrastructure;

/// <summary>
/// A real server on Kestrel at 127.0.0.1 with a free port and its own temporary SQLite store, one per test class.
/// Tests in a class share it, so each test names its own experiments.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("fathom-server-tests-").FullName;

    public HttpClient Http { get; private set; } = null!;

    public MlflowApi Api { get; private set; } = null!;

    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");

    protected virtual void Configure(FathomServerOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        var options = new FathomServerOptions
        {
            Port = 0,
            BackendStoreUri = "sqlite:///" + Path.Combine(DataDirectory, "fathom.db"),
            ArtifactsDestination = Path.Combine(DataDirectory, "artifacts"),
            RequestLogging = false,
        };
        Configure(options);
        _app = await FathomServer.BuildAsync(options);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = _app.ListeningUri() };
        Api = new MlflowApi(Http);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>A server with a small body limit (64 KiB) and request logging on, for the error-path tests.</summary>
public sealed class StrictServerFixture : ServerFixture
{
    public const int BodyLimit = 64 * 1024;

    protected override void Configure(FathomServerOptions options)
    {
        options.MaxRequestBodyBytes = BodyLimit;
        options.RequestLogging = true;
    }
}
