using Fathom.Server;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace Fathom.TestSupport;

/// <summary>
/// <see cref="TrackingServerFixture"/>'s twin on PostgreSQL: a real server on Kestrel 127.0.0.1 over a fresh database
/// on the test PostgreSQL server named by FATHOM_TEST_POSTGRES (scripts/test.sh starts one), dropped afterwards.
/// Without that variable the tests fail rather than skip: a skipped suite would hide a broken backend.
/// </summary>
public sealed class PostgresTrackingServerFixture : IAsyncLifetime
{
    private readonly string _database = "fathom_server_test_" + Guid.NewGuid().ToString("N");
    private WebApplication? _app;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("fathom-tests-pg-").FullName;

    public string Url { get; private set; } = "";

    private static string ServerUri =>
        Environment.GetEnvironmentVariable("FATHOM_TEST_POSTGRES") is { Length: > 0 } uri
            ? uri
            : throw new InvalidOperationException(
                "FATHOM_TEST_POSTGRES is not set, so the PostgreSQL server tests cannot run. Run ./scripts/test.sh, "
                + "or source scripts/test-services.sh before dotnet test.");

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {_database}");
        var options = new FathomServerOptions
        {
            Port = 0,
            BackendStoreUri = new UriBuilder(ServerUri) { Path = "/" + _database }.Uri.ToString(),
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
        await ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        Directory.Delete(DataDirectory, recursive: true);
    }

    private static async Task ExecuteAsync(string sql)
    {
        var server = new Uri(ServerUri);
        var userInfo = server.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = server.Host,
            Port = server.Port < 0 ? 5432 : server.Port,
            Database = "postgres",
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length == 2 ? Uri.UnescapeDataString(userInfo[1]) : null,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
