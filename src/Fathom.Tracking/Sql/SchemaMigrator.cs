using Fathom.Tracking.Sql.Postgres;
using Fathom.Tracking.Sql.Sqlite;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

/// <summary>Applies the dialect's numbered migrations exclusively, then makes sure experiment 0 exists.</summary>
internal static class SchemaMigrator
{
    // Any fixed number works; it only has to be the same for every Fathom process sharing a database.
    private const long PostgresMigrationLockKey = 0x46617468_6f6d0001;

    public static IReadOnlyList<Migration> For(SqlDialect dialect) =>
        dialect == SqlDialect.Sqlite ? SqliteMigrations.All : PostgresMigrations.All;

    /// <summary>Brings the schema to <paramref name="targetVersion"/> (the newest when null); returns the version reached.</summary>
    public static Task<int> MigrateAsync(ISqlBackend backend, TrackingStoreOptions options, int? targetVersion, CancellationToken ct)
    {
        var migrations = For(backend.Dialect);
        var target = targetVersion ?? migrations[^1].Version;
        var now = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var defaultLocation = ArtifactLocations.ForExperiment(options.DefaultArtifactRoot, "0");

        async Task<int> Migrate(SqlSession session)
        {
            var version = await MigrationRunner.ApplyAsync(session, migrations, target, now).ConfigureAwait(false);
            await MigrationRunner.EnsureDefaultExperimentAsync(session, defaultLocation, now).ConfigureAwait(false);
            return version;
        }

        return backend is PostgresBackend postgres
            ? postgres.WriteExclusiveAsync(PostgresMigrationLockKey, Migrate, ct)
            : backend.WriteAsync(Migrate, ct);
    }
}
