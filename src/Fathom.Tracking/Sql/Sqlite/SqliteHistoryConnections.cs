using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Native read-only connections for get-history, opened <c>SQLITE_OPEN_NOMUTEX</c>. Microsoft.Data.Sqlite's connections
/// run in SQLite's serialized mode, where every step and column call locks and unlocks the connection's mutex: ~11%
/// of the server's CPU for a 100,000-point read. A connection here is only ever used by one request at a time (taken
/// from the pool, returned after), which is all SQLite's multi-thread mode asks. A page is one statement, so it reads
/// one WAL snapshot without an explicit transaction.
/// </summary>
internal sealed class SqliteHistoryConnections(string path) : IDisposable
{
    private const int BusyTimeoutMilliseconds = 60_000;
    private readonly ReaderPool<Connection> _pool = new(() => Connection.Open(path));

    /// <summary>Runs <paramref name="read"/> on an idle connection (opening one if none is), then returns it to the pool.</summary>
    public Task<T> ReadAsync<T>(Func<sqlite3, CommandCache, T> read, CancellationToken ct) =>
        _pool.UseAsync(connection => Task.FromResult(read(connection.Db, connection.Statements)), ct);

    public void Dispose() => _pool.Dispose();

    private sealed class Connection(sqlite3 db) : IDisposable
    {
        public sqlite3 Db { get; } = db;

        public CommandCache Statements { get; } = new();

        public static Connection Open(string path)
        {
            var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
            try
            {
                SqliteNative.Check(rc, db);
                SqliteNative.Check(raw.sqlite3_busy_timeout(db, BusyTimeoutMilliseconds), db);
                return new Connection(db);
            }
            catch
            {
                db.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Statements.Dispose();
            Db.Dispose();
        }
    }
}
