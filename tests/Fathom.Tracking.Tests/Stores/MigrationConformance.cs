using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Sql;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

public sealed class SqliteMigrationTests : MigrationConformance<SqliteTarget>;

public sealed class PostgresMigrationTests : MigrationConformance<PostgresTarget>;

/// <summary>Versioned schema migrations: old databases upgrade, concurrent openers agree, newer schemas are refused.</summary>
public abstract class MigrationConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    // Every dialect has the same numbered migrations; the newest schema has applied all of them.
    private static readonly int[] AllVersions = [.. SchemaMigrator.For(SqlDialect.Sqlite).Select(m => m.Version)];

    protected override bool OpenStoreFirst => false;

    [Fact]
    public async Task A_database_created_at_schema_version_1_opens_upgraded_with_its_data()
    {
        string runId;
        await using (var backend = TrackingStoreFactory.OpenBackend(Uri))
        {
            Assert.Equal(1, await SchemaMigrator.MigrateAsync(backend, Options, 1, default));
            var oldStore = new SqlTrackingStore(backend, Options);
            var experimentId = await oldStore.CreateExperimentAsync("from-v1", null, [new Tag("k", "v")]);
            var run = await oldStore.CreateRunAsync(new NewRun(experimentId, "u", 5, [], "old-run"));
            await oldStore.LogBatchAsync(run.Info.RunId, [], [new Param("lr", "0.1")], []);
            // Metrics as version 1's tables hold them (this build's writer needs version 7's).
            await backend.WriteAsync(async s =>
            {
                foreach (var table in new[] { "metrics", "latest_metrics" })
                {
                    await s.ExecuteAsync($"INSERT INTO {table} (key, value, timestamp, run_uuid, step, is_nan) VALUES ('acc', 0.75, 9, @p0, 3, @p1)",
                        run.Info.RunId, false);
                }

                return 0;
            }, default);
            runId = run.Info.RunId;
            Assert.False(await IndexExistsAsync(backend, "index_latest_metrics_key_value"));
        }

        UseStore(await TrackingStoreFactory.OpenAsync(Uri, Options));

        Assert.Equal(AllVersions, await SchemaVersionsAsync());
        var upgraded = await Store.GetRunAsync(runId);
        Assert.Equal("old-run", upgraded.Info.RunName);
        Assert.Equal([new Metric("acc", 0.75, 9, 3)], upgraded.Data.Metrics);
        Assert.Equal("from-v1", (await Store.GetExperimentByNameAsync("from-v1")).Name);
        await using var check = TrackingStoreFactory.OpenBackend(Uri);
        Assert.True(await IndexExistsAsync(check, "index_latest_metrics_key_nan_value"));
        Assert.True(await IndexExistsAsync(check, "index_runs_experiment_lifecycle_order"));
    }

    [Fact]
    public async Task Metric_history_written_before_version_7_is_carried_into_the_integer_keyed_table()
    {
        var runIds = new List<string>();
        Metric[] points = [new("loss", 0.5, 100, 0), new("loss", 0.25, 200, 1), new("loss", double.NaN, 300, 2),
            new("loss", double.PositiveInfinity, 300, 2), new("acc", double.NegativeInfinity, 100, 0), new("acc", 0.9, 100, 1)];
        await using (var backend = TrackingStoreFactory.OpenBackend(Uri))
        {
            Assert.Equal(6, await SchemaMigrator.MigrateAsync(backend, Options, 6, default));
            await backend.WriteAsync(async s =>
            {
                await s.ExecuteAsync("INSERT INTO runs (run_uuid, experiment_id, lifecycle_stage, status) VALUES ('r1', 0, 'active', 'RUNNING'), ('r2', 0, 'active', 'RUNNING')");
                foreach (var run in new[] { "r1", "r2" })
                {
                    foreach (var m in points)
                    {
                        await s.ExecuteAsync("INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
                            m.Key, double.IsNaN(m.Value) ? 0.0 : m.Value, m.Timestamp, run, m.Step, double.IsNaN(m.Value));
                    }
                }

                return 0;
            }, default);
            runIds.AddRange(["r1", "r2"]);
        }

        UseStore(await TrackingStoreFactory.OpenAsync(Uri, Options));

        foreach (var runId in runIds)
        {
            foreach (var key in new[] { "loss", "acc" })
            {
                var history = await Store.GetMetricHistoryAsync(runId, key, null, null);
                Assert.Equal(points.Where(p => p.Key == key).Select(p => $"{p.Step}:{p.Timestamp}:{p.Value}"),
                    history.Items.Select(p => $"{p.Step}:{p.Timestamp}:{p.Value}"));
            }
        }

        // On PostgreSQL the old relation stays readable (a view) for ad-hoc SQL and exports; SQLite's version 8 keeps
        // history in blocks no SQL can read, so the view is gone there.
        await using var check = TrackingStoreFactory.OpenBackend(Uri);
        var relations = check.Dialect == SqlDialect.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('metrics', 'metric_history')"
            : "SELECT COUNT(*) FROM metrics WHERE run_uuid = 'r2'";
        Assert.Equal(check.Dialect == SqlDialect.Sqlite ? 0L : 6L, await check.ReadAsync(async s => Convert.ToInt64(await s.ScalarAsync(relations)), default));
    }

    [Fact]
    public async Task Metric_history_rows_of_a_version_7_store_read_back_and_grow_after_the_upgrade()
    {
        // 2,500 steps (more than one block on SQLite), some NaN and infinite, and a step logged twice with other values.
        var points = Enumerable.Range(0, 2500).Select(i => new Metric("loss", i % 11 == 0 ? double.NaN : i % 13 == 0 ? double.NegativeInfinity : i * 0.5, 1000 + i, i))
            .Append(new Metric("loss", double.PositiveInfinity, 1000, 0)).Append(new Metric("loss", -3, 1000, 0)).ToList();
        string runId;
        await using (var backend = TrackingStoreFactory.OpenBackend(Uri))
        {
            var infinity = backend.Dialect == SqlDialect.Sqlite ? "1e999" : "'Infinity'::float8";
            string Literal(double v) => double.IsNaN(v) ? "0" : double.IsInfinity(v) ? (v > 0 ? infinity : "-" + infinity) : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(7, await SchemaMigrator.MigrateAsync(backend, Options, 7, default));
            var oldStore = new SqlTrackingStore(backend, Options);
            var run = await oldStore.CreateRunAsync(new NewRun("0", "u", 5, [], "v7-run"));
            runId = run.Info.RunId;
            var rows = string.Join(", ", points.Select(p => FormattableString.Invariant(
                $"(1, 1, {p.Step}, {p.Timestamp}, {Literal(p.Value)}, {(double.IsNaN(p.Value) ? "true" : "false")})")));
            await backend.WriteAsync(async s =>
            {
                await s.ExecuteAsync("INSERT INTO metric_runs (id, run_uuid) VALUES (1, @p0)", runId);
                await s.ExecuteAsync("INSERT INTO metric_keys (id, key) VALUES (1, 'loss')");
                return await s.ExecuteAsync($"INSERT INTO metric_history (run_id, key_id, step, timestamp, value, is_nan) VALUES {rows}");
            }, default);
        }

        UseStore(await TrackingStoreFactory.OpenAsync(Uri, Options));
        await Store.LogBatchAsync(runId, [new Metric("loss", 7, 1, 2500), new Metric("loss", 0.5, 1001, 1)], [], []);

        var expected = points.Append(new Metric("loss", 7, 1, 2500))
            .OrderBy(p => p.Step).ThenBy(p => p.Timestamp).ThenBy(p => double.IsNaN(p.Value) ? 0 : p.Value).Select(Text).ToList();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.GetMetricHistoryAsync(runId, "loss", 700, token);
            seen.AddRange(page.Items.Select(Text));
            token = page.NextPageToken;
        }
        while (token is not null);
        Assert.Equal(expected, seen);

        // Steps 99 to 104 hold a NaN and a -inf.
        var sampled = await Store.GetMetricHistoryBulkIntervalAsync([runId], "loss", 99, 104, 10);
        Assert.Equal(expected.Skip(101).Take(6), sampled.Select(m => Text(new Metric(m.Key, m.Value, m.Timestamp, m.Step))));

        static string Text(Metric m) => FormattableString.Invariant($"{m.Step}:{m.Timestamp}:{(double.IsNaN(m.Value) ? "NaN" : m.Value.ToString("R"))}");
    }

    [Fact]
    public async Task Reopening_a_store_changes_nothing()
    {
        UseStore(await TrackingStoreFactory.OpenAsync(Uri, Options));
        await Store.DisposeAsync();

        UseStore(await TrackingStoreFactory.OpenAsync(Uri, Options with { DefaultArtifactRoot = "s3://elsewhere" }));

        Assert.Equal(AllVersions, await SchemaVersionsAsync());
        var experiments = await Store.SearchExperimentsAsync(new ExperimentSearch(ViewType.ALL));
        Assert.Equal("mlflow-artifacts:/0", Assert.Single(experiments.Items).ArtifactLocation);
    }

    [Fact]
    public async Task Concurrent_openers_apply_each_migration_once()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => TrackingStoreFactory.OpenAsync(Uri, Options))));
        foreach (var store in stores.Skip(1))
        {
            await store.DisposeAsync();
        }

        UseStore(stores[0]);
        Assert.Equal(AllVersions, await SchemaVersionsAsync());
        Assert.Single((await Store.SearchExperimentsAsync(new ExperimentSearch(ViewType.ALL))).Items);
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused_with_a_clear_error()
    {
        UseStore(await TrackingStoreFactory.OpenAsync(Uri, Options));
        await using (var backend = TrackingStoreFactory.OpenBackend(Uri))
        {
            await backend.WriteAsync(s => s.ExecuteAsync("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 0)"), default);
        }

        var error = await Assert.ThrowsAsync<FathomException>(() => TrackingStoreFactory.OpenAsync(Uri, Options));
        Assert.Contains("newer than this Fathom knows", error.Message);
    }

    private async Task<List<int>> SchemaVersionsAsync()
    {
        await using var backend = TrackingStoreFactory.OpenBackend(Uri);
        return await backend.ReadAsync(s => s.ListAsync("SELECT version FROM schema_version ORDER BY version", r => Convert.ToInt32(r.GetValue(0))), default);
    }

    private static Task<bool> IndexExistsAsync(ISqlBackend backend, string name) =>
        backend.ReadAsync(async s => await s.ScalarAsync(backend.Dialect == SqlDialect.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = @p0"
            : "SELECT COUNT(*) FROM pg_indexes WHERE indexname = @p0", name) is { } count && Convert.ToInt64(count) > 0, default);
}
