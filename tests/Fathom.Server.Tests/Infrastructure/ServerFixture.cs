using Fathom.Server;
using Microsoft.AspNetCore.Builder;
using Npgsql;

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

        await AfterStopAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Cleans up what <see cref="Configure"/> set up outside the data directory, once the server has stopped.</summary>
    protected virtual Task AfterStopAsync() => Task.CompletedTask;
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

/// <summary>
/// The same server over a fresh database on the test PostgreSQL server (FATHOM_TEST_POSTGRES, started by
/// scripts/test.sh), dropped afterwards, so the REST conformance tests run against both stores. Without the variable
/// the tests fail rather than skip: a skipped suite would hide a broken backend.
/// </summary>
public sealed class PostgresServerFixture : ServerFixture
{
    private readonly string _database = "fathom_rest_test_" + Guid.NewGuid().ToString("N");

    private static string ServerUri => Environment.GetEnvironmentVariable("FATHOM_TEST_POSTGRES") is { Length: > 0 } uri
        ? uri
        : throw new InvalidOperationException("FATHOM_TEST_POSTGRES is not set: run ./scripts/test.sh, or source scripts/test-services.sh.");

    protected override void Configure(FathomServerOptions options)
    {
        Execute($"CREATE DATABASE {_database}");
        options.BackendStoreUri = new UriBuilder(ServerUri) { Path = "/" + _database }.Uri.ToString();
    }

    protected override Task AfterStopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        return Task.CompletedTask;
    }

    private static void Execute(string sql)
    {
        var uri = new Uri(ServerUri);
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        var password = uri.UserInfo.Contains(':') ? Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[1]) : null;
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.Port, Username = user, Password = password, Database = "postgres" };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
