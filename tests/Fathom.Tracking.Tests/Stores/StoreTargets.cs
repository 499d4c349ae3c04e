using Fathom.Tracking.Stores;
using Npgsql;

namespace Fathom.Tracking.Tests.Stores;

/// <summary>Where a conformance test's fresh, private database lives; one implementation per backend.</summary>
public interface IStoreTarget
{
    /// <summary>Creates an empty database and returns its backend store URI.</summary>
    Task<string> CreateDatabaseAsync();

    Task DropDatabaseAsync(string uri);
}

/// <summary>A SQLite file in its own temporary folder.</summary>
public sealed class SqliteTarget : IStoreTarget
{
    public Task<string> CreateDatabaseAsync()
    {
        var folder = Directory.CreateTempSubdirectory("fathom-store-test-").FullName;
        return Task.FromResult("sqlite:///" + Path.Combine(folder, "fathom.db"));
    }

    public Task DropDatabaseAsync(string uri)
    {
        var folder = Path.GetDirectoryName(StoreUri.SqlitePath(uri))!;
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A new database on the test PostgreSQL server named by FATHOM_TEST_POSTGRES (scripts/test.sh starts one).
/// Without that variable the tests fail: a skipped PostgreSQL suite would hide a broken backend.
/// </summary>
public sealed class PostgresTarget : IStoreTarget
{
    public static string ServerUri =>
        Environment.GetEnvironmentVariable("FATHOM_TEST_POSTGRES") is { Length: > 0 } uri
            ? uri
            : throw new InvalidOperationException(
                "FATHOM_TEST_POSTGRES is not set, so the PostgreSQL store tests cannot run. Run ./scripts/test.sh " +
                "(it starts a private PostgreSQL), or source scripts/test-services.sh before dotnet test.");

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "fathom_test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(StoreUri.PostgresConnectionString(ServerUri));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        var builder = new UriBuilder(ServerUri) { Path = "/" + name };
        return builder.Uri.ToString();
    }

    public async Task DropDatabaseAsync(string uri)
    {
        var name = new Uri(uri).AbsolutePath.Trim('/');
        await using var connection = new NpgsqlConnection(StoreUri.PostgresConnectionString(ServerUri));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
