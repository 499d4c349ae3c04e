using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Sql;
using Fathom.Tracking.Sql.Sqlite;
using Fathom.Tracking.Stores;
using Microsoft.Data.Sqlite;

namespace Fathom.Tracking.Tests.Stores;

/// <summary>
/// Group commit on a real SQLite file: a write held inside the writer makes the next writes queue up, so they run as
/// one group in one transaction when it is released.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private static readonly TrackingStoreOptions Options = new() { DefaultArtifactRoot = "mlflow-artifacts:/" };
    private readonly string _folder = Directory.CreateTempSubdirectory("fathom-group-commit-").FullName;
    private SqliteBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = SqliteBackend.Open(Path.Combine(_folder, "fathom.db"));
        await _backend.WriteAsync(
            s => s.ExecuteAsync("""
                CREATE TABLE item (caller TEXT NOT NULL UNIQUE);
                CREATE TABLE parent (id INTEGER PRIMARY KEY);
                CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)
                """), default);
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_lone_write_commits_in_its_callers_call_without_waiting_for_company()
    {
        var write = _backend.WriteAsync(s => Insert(s, "alone"), default);

        Assert.True(write.IsCompletedSuccessfully, "a write with nobody else waiting must not be parked for a group");
        Assert.Equal(new[] { "alone" }, await CommittedCallersAsync());
    }

    [Fact]
    public async Task A_failing_write_in_a_group_rolls_back_only_itself_and_the_others_commit_together()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = _backend.WriteAsync(async s => { await gate.Task; return await Insert(s, "blocker"); }, default);
        var first = _backend.WriteAsync(s => Insert(s, "first"), default);
        var failing = _backend.WriteAsync<string>(async s =>
        {
            await Insert(s, "failing");
            throw new FathomException(ErrorCode.INVALID_PARAMETER_VALUE, "the failing write's own error");
        }, default);
        var duplicate = _backend.WriteAsync(s => Insert(s, "first"), default);
        var (visibleToReaders, firstSettled) = (-1L, true);
        var last = _backend.WriteAsync(async s =>
        {
            // Still inside the group's transaction: the first write is done but neither committed nor answered.
            visibleToReaders = await _backend.ReadAsync(r => CountAsync(r, "first"), default);
            firstSettled = first.IsCompleted;
            return await Insert(s, "last");
        }, default);

        gate.SetResult();

        Assert.Equal("blocker", await blocker);
        Assert.Equal("first", await first);
        Assert.Equal("last", await last);
        var own = await Assert.ThrowsAsync<FathomException>(() => failing);
        Assert.Equal("the failing write's own error", own.Message);
        var violation = await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.True(_backend.IsUniqueViolation(violation));
        Assert.Equal(0, visibleToReaders);
        Assert.False(firstSettled, "a write's caller was answered before its group committed");
        Assert.Equal(new[] { "blocker", "first", "last" }, await CommittedCallersAsync());
    }

    [Fact]
    public async Task A_failed_commit_fails_every_write_of_the_group_and_the_writer_goes_on()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = _backend.WriteAsync(async s => { await gate.Task; return await Insert(s, "blocker"); }, default);
        var group = new[]
        {
            _backend.WriteAsync(s => s.ExecuteAsync("INSERT INTO parent (id) VALUES (1)"), default),
            // A deferred foreign key is checked at COMMIT only, so this write itself succeeds and the COMMIT fails.
            _backend.WriteAsync(s => s.ExecuteAsync("INSERT INTO child (parent_id) VALUES (99)"), default),
            _backend.WriteAsync(s => s.ExecuteAsync("INSERT INTO parent (id) VALUES (2)"), default),
        };

        gate.SetResult();

        await blocker;
        foreach (var write in group)
        {
            var error = await Assert.ThrowsAsync<SqliteException>(() => write);
            Assert.Equal(19, error.SqliteErrorCode);
        }

        Assert.Equal(0L, await _backend.ReadAsync(r => ScalarAsync(r, "SELECT count(*) FROM parent"), default));
        await _backend.WriteAsync(s => s.ExecuteAsync("INSERT INTO parent (id) VALUES (3)"), default);
        Assert.Equal(1L, await _backend.ReadAsync(r => ScalarAsync(r, "SELECT count(*) FROM parent"), default));
    }

    [Fact]
    public async Task When_sqlite_abandons_a_groups_transaction_the_writes_already_run_fail_and_the_later_ones_commit()
    {
        // SQLite rolls a transaction back by itself on I/O errors or a full disk; a write ending it is the same state.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = _backend.WriteAsync(async s => { await gate.Task; return await Insert(s, "blocker"); }, default);
        var earlier = _backend.WriteAsync(s => Insert(s, "earlier"), default);
        var breaking = _backend.WriteAsync<string>(async s =>
        {
            await s.ExecuteAsync("ROLLBACK");
            throw new InvalidOperationException("the transaction is gone");
        }, default);
        var later = _backend.WriteAsync(s => Insert(s, "later"), default);

        gate.SetResult();

        Assert.Equal("blocker", await blocker);
        Assert.Equal("the transaction is gone", (await Assert.ThrowsAsync<InvalidOperationException>(() => breaking)).Message);
        Assert.Equal("the transaction is gone", (await Assert.ThrowsAsync<InvalidOperationException>(() => earlier)).Message);
        Assert.Equal("later", await later);
        Assert.Equal(new[] { "blocker", "later" }, await CommittedCallersAsync());
    }

    [Fact]
    public async Task Many_concurrent_writers_lose_nothing_and_each_gets_its_own_result()
    {
        const int writers = 32, writesEach = 40;
        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mismatches = 0;
            for (var i = 0; i < writesEach; i++)
            {
                var caller = $"w{w}-{i}";
                mismatches += await _backend.WriteAsync(s => Insert(s, caller), default) == caller ? 0 : 1;
            }

            return mismatches;
        })));

        Assert.All(results, mismatches => Assert.Equal(0, mismatches));
        Assert.Equal((long)writers * writesEach, await _backend.ReadAsync(r => ScalarAsync(r, "SELECT count(*) FROM item"), default));
    }

    [Fact]
    public async Task A_changed_param_in_a_group_fails_its_own_log_batch_and_the_others_are_stored()
    {
        await SchemaMigrator.MigrateAsync(_backend, Options, targetVersion: null, default);
        var store = new SqlTrackingStore(_backend, Options);
        var run = await store.CreateRunAsync(new NewRun("0", "tester", null, [], "grouped"));
        var runId = run.Info.RunId;
        await store.LogBatchAsync(runId, [], [new Param("lr", "0.1")], []);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = _backend.WriteAsync(async s => { await gate.Task; return 0; }, default);
        var before = store.LogBatchAsync(runId, [new Metric("loss", 1, 10, 1)], [], [new Tag("t", "before")]);
        var changed = store.LogBatchAsync(runId, [new Metric("loss", 9, 10, 9)], [new Param("lr", "0.2")], []);
        var after = store.LogBatchAsync(runId, [new Metric("loss", 2, 10, 2)], [new Param("depth", "3")], []);
        gate.SetResult();

        await blocker;
        await before;
        await after;
        var error = await Assert.ThrowsAsync<FathomException>(() => changed);
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        var data = (await store.GetRunAsync(runId)).Data;
        Assert.Contains(new Param("lr", "0.1"), data.Params);
        Assert.Contains(new Param("depth", "3"), data.Params);
        Assert.Contains(new Tag("t", "before"), data.Tags);
        var history = await store.GetMetricHistoryAsync(runId, "loss", null, null);
        Assert.Equal(new[] { 1L, 2L }, history.Items.Select(m => m.Step).Order());
    }

    private static async Task<string> Insert(SqlSession session, string caller)
    {
        await session.ExecuteAsync("INSERT INTO item (caller) VALUES (@p0)", caller);
        return caller;
    }

    private static async Task<long> CountAsync(SqlSession session, string caller) =>
        (long)(await session.ScalarAsync("SELECT count(*) FROM item WHERE caller = @p0", caller))!;

    private static async Task<long> ScalarAsync(SqlSession session, string sql) => (long)(await session.ScalarAsync(sql))!;

    private async Task<List<string>> CommittedCallersAsync() =>
        await _backend.ReadAsync(r => r.ListAsync("SELECT caller FROM item ORDER BY rowid", row => row.GetString(0)), default);
}
