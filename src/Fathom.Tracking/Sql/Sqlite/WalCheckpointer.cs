using Microsoft.Data.Sqlite;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Copies the WAL back into the database file in the background (a PASSIVE checkpoint: it never blocks writers or
/// readers) every <see cref="Interval"/>, on a connection of its own. The writer runs with auto-checkpointing off, so
/// no request pays for the copy; a final checkpoint runs when the store closes.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public WalCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Checkpoint();
            }
        }
        catch (OperationCanceledException)
        {
            // The store is closing.
        }
    }

    private void Checkpoint()
    {
        try
        {
            SqliteBackend.Execute(_connection, "PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (SqliteException)
        {
            // A busy or locked database only delays the copy to the next tick; nothing is lost (the WAL keeps it).
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The host may dispose the store through more than one registration; only the first call closes.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Checkpoint();
        _connection.Dispose();
        _stop.Dispose();
    }
}
