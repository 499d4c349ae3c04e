using Fathom.Server;
using Microsoft.AspNetCore.Builder;

namespace Fathom.TestSupport;

/// <summary>
/// A real Fathom tracking server on Kestrel 127.0.0.1 (free port) with its own temporary SQLite store and artifact
/// folder, one per test class. Tests in a class share it, so each test uses its own experiment names.
/// Linked into every test project that needs a running server (see the projects' Compile items).
/// </summary>
public sealed class TrackingServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("fathom-tests-").FullName;

    public string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var options = new FathomServerOptions
        {
            Port = 0,
            BackendStoreUri = "sqlite:///" + Path.Combine(DataDirectory, "fathom.db"),
            ArtifactsDestination = Path.Combine(DataDirectory, "artifacts"),
            RequestLogging = false,
        };
        _app = await FathomServer.BuildAsync(options);
        await _app.StartAsync();
        Url = _app.ListeningUri().ToString();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(DataDirectory, recursive: true);
    }
}
