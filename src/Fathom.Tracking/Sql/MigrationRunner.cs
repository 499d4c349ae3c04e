using Fathom.Core.Errors;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Brings a database to the newest schema inside the caller's write transaction (which the backend has made
/// exclusive: BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so concurrent openers apply each step once.
/// </summary>
internal static class MigrationRunner
{
    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    public static async Task<int> ApplyAsync(SqlSession session, IReadOnlyList<Migration> migrations, int targetVersion, long now)
    {
        await session.ExecuteAsync(CreateVersionTable).ConfigureAwait(false);
        var current = Convert.ToInt32(await session.ScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_version").ConfigureAwait(false));
        var newest = migrations[^1].Version;
        if (current > newest)
        {
            throw new FathomException(ErrorCode.INTERNAL_ERROR,
                $"The database schema is at version {current}, newer than this Fathom knows ({newest}). Upgrade Fathom.");
        }

        foreach (var migration in migrations.Where(m => m.Version > current && m.Version <= targetVersion))
        {
            await session.ExecuteAsync(migration.Sql).ConfigureAwait(false);
            if (migration.Then is { } then)
            {
                await then(session).ConfigureAwait(false);
            }

            await session.ExecuteAsync(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (@p0, @p1, @p2)",
                migration.Version, migration.Description, now).ConfigureAwait(false);
            current = migration.Version;
        }

        return current;
    }

    /// <summary>MLflow creates experiment 0 "Default" in a store that has no experiments yet.</summary>
    public static Task EnsureDefaultExperimentAsync(SqlSession session, string artifactLocation, long now) =>
        session.ExecuteAsync(
            "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) " +
            "SELECT 0, 'Default', @p0, 'active', @p1, @p1 WHERE NOT EXISTS (SELECT 1 FROM experiments)",
            artifactLocation, now);
}
