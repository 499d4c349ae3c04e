using Fathom.Tracking.Stores;
using Microsoft.Data.Sqlite;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// SQLite in WAL mode. Writes go through one connection (SQLite has one writer anyway; queuing in-process instead of in
/// the busy handler keeps latency flat and "database is locked" away), and writes that queue up while a transaction runs
/// share the next one (<see cref="GroupCommitWriter"/>), each in a BEGIN IMMEDIATE transaction so writers in other
/// processes wait in the busy handler rather than fail.
/// Reads use a small pool of connections, each in a deferred transaction (a WAL snapshot); get-history has its own
/// (<see cref="SqliteHistoryConnections"/>).
/// The WAL is checkpointed by <see cref="WalCheckpointer"/> on its own connection, not inside whichever write
/// crosses SQLite's auto-checkpoint size (that write used to pay for copying the WAL: the log-metric p99).
/// </summary>
internal sealed class SqliteBackend : ISqlBackend
{
    private const int BusyTimeoutSeconds = 60;

    /// <summary>The WAL file is cut back to this size when it rewinds, so one burst does not hold the disk.</summary>
    internal const long JournalSizeLimitBytes = 64L << 20;
    private readonly SqliteConnection _writer;
    private readonly CommandCache _writerCommands = new();
    private readonly GroupCommitWriter _writes;
    private readonly ReaderPool<PooledReader> _readers;
    private readonly WalCheckpointer _checkpointer;

    private SqliteBackend(string connectionString, SqliteConnection writer)
    {
        _writer = writer;
        _checkpointer = new WalCheckpointer(OpenConnection(connectionString));
        _writes = new GroupCommitWriter(writer, _writerCommands, _checkpointer);
        _readers = new ReaderPool<PooledReader>(() => new PooledReader(OpenReader(connectionString)));
        History = new SqliteHistoryConnections(writer.DataSource);
    }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>get-history's own read connections, without SQLite's per-call connection mutex.</summary>
    public SqliteHistoryConnections History { get; }

    public static SqliteBackend Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
        var writer = OpenConnection(connectionString);
        // The background checkpointer keeps the WAL small; only when writes outrun it does a commit that leaves more
        // than 8,192 pages (32 MiB) checkpoint on the writer, as back-pressure. The WAL file keeps its size when it
        // rewinds; past 64 MiB it is cut back then, so one burst does not hold the disk. The writer keeps 32 MiB of pages
        // (SQLite's default is 2 MiB): a log-batch that touches pages all over a run's history otherwise re-read most of
        // them from the WAL on every batch (18 -> 11 ms CPU per scattered 1000-metric request).
        // temp_store=MEMORY: a group commit runs each write in a SAVEPOINT, whose journal of pages spilled to a new
        // temp file in /var/tmp past 64 KiB (a 1000-metric log-batch touches more than that).
        Execute(writer, $"PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=8192; PRAGMA journal_size_limit={JournalSizeLimitBytes}; PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY");
        return new SqliteBackend(connectionString, writer);
    }

    public Task<T> WriteAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken ct) => _writes.WriteAsync(work, ct);

    public Task<T> ReadAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken ct) =>
        _readers.UseAsync(async reader =>
        {
            using var transaction = reader.Connection.BeginTransaction(deferred: true);
            return await work(new SqlSession(reader.Connection, transaction, Dialect, reader.Commands)).ConfigureAwait(false);
        }, ct);

    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public async ValueTask DisposeAsync()
    {
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
        History.Dispose();
        _writerCommands.Dispose();
        _writer.Dispose();
        _readers.Dispose();
    }

    internal static SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // NORMAL is durable across a process crash in WAL mode; only an OS crash can lose the last commits.
        Execute(connection, $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutSeconds * 1000}");
        return connection;
    }

    /// <summary>
    /// A read connection keeps 16 MiB of pages. With SQLite's default 2 MiB, one search over 10,000 runs (~3.4 MiB of
    /// index and table pages) evicted its own pages before the next search reused them: ~1,200 pread calls per search.
    /// </summary>
    private static SqliteConnection OpenReader(string connectionString)
    {
        var connection = OpenConnection(connectionString);
        Execute(connection, "PRAGMA cache_size=-16384");
        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class PooledReader(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public CommandCache Commands { get; } = new();

        public void Dispose()
        {
            Commands.Dispose();
            Connection.Dispose();
        }
    }
}
