using Fathom.Tracking.Sql;
using Fathom.Tracking.Sql.Postgres;
using Fathom.Tracking.Sql.Sqlite;

namespace Fathom.Tracking.Stores;

/// <summary>
/// The one place a backend store URI becomes a store (MLflow's tracking store registry). Opening applies any
/// pending schema migrations and creates experiment 0 "Default" in a new store.
/// </summary>
public static class TrackingStoreFactory
{
    /// <summary>
    /// Opens <c>sqlite:///relative.db</c>, <c>sqlite:////absolute.db</c>, or <c>postgresql://user:pass@host:port/db</c>
    /// (also <c>postgres://</c>). Anything else is an INVALID_PARAMETER_VALUE error naming the accepted forms.
    /// </summary>
    public static async Task<ITrackingStore> OpenAsync(string uri, TrackingStoreOptions? options = null, CancellationToken ct = default)
    {
        options ??= new TrackingStoreOptions();
        var backend = OpenBackend(uri);
        try
        {
            await SchemaMigrator.MigrateAsync(backend, options, targetVersion: null, ct).ConfigureAwait(false);
            return new SqlTrackingStore(backend, options);
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The connection layer for a URI, without migrations (tests use it to build old schemas).</summary>
    internal static ISqlBackend OpenBackend(string uri) => StoreUri.Scheme(uri) switch
    {
        "sqlite" => SqliteBackend.Open(StoreUri.SqlitePath(uri)),
        "postgresql" or "postgres" => PostgresBackend.Open(StoreUri.PostgresConnectionString(uri)),
        var other => throw StoreUri.Invalid(uri,
            $"unsupported scheme '{other}'; use sqlite:///path/to/fathom.db or postgresql://user:password@host:port/database"),
    };
}
