using Microsoft.Data.Sqlite;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Copies the WAL back into the database file in the background (a PASSIVE checkpoint: it never blocks writers or
/// readers) every <see cref="Interval"/>, on a connection of its own. The writer runs with auto-checkpointing off, so
/// no request pays for the copy; a final checkpoint runs when the store closes.
/// <para>
/// A PASSIVE checkpoint never lets the WAL start over while writes keep arriving: by the time it has copied the frames
/// it saw, newer ones follow them, and SQLite only rewinds the WAL once every frame is in the database file. Under
/// sustained writes the WAL grew without bound (765 MB beside an 18 MB database, with most of the server's CPU spent in
/// the kernel). So once the WAL holds more than <see cref="RestartFrames"/> frames, a RESTART checkpoint copies the
/// few frames PASSIVE left, briefly holding new writers back, and the next write rewinds the WAL to its start.
/// When writes outrun even that, the writer's own auto-checkpoint (set in <see cref="SqliteBackend"/> at a size this
/// loop never lets the WAL reach while it keeps up) makes the writer pay. That auto-checkpoint is PASSIVE too, and gives
/// up at once while this loop holds the checkpoint lock; on a loaded machine (this loop's thread descheduled mid-copy)
/// the WAL then grew to 163 MiB. So the writer also checks the WAL file after each group
/// (<see cref="HoldWriterWhileWalTooLarge"/>) and, past <see cref="WriterRestartBytes"/>, runs a RESTART checkpoint
/// itself: a hard bound of that size plus one group, under any load. SQLite answers a checkpoint BUSY at once, without
/// the busy handler, while another connection holds the checkpoint lock, so both take <see cref="_gate"/> first: the
/// writer then waits for this loop's copy to end instead of failing and letting the WAL grow (109 MiB at load 25).
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>4,096 pages of 4 KiB: 16 MiB of WAL, four times SQLite's own auto-checkpoint size.</summary>
    internal const int RestartFrames = 4096;

    /// <summary>SQLite cuts the WAL file back to the journal size limit when it rewinds, so a larger file means the WAL holds more.</summary>
    internal const long WriterRestartBytes = SqliteBackend.JournalSizeLimitBytes;

    private readonly SqliteConnection _connection;
    private readonly string _walPath;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public WalCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        _walPath = connection.DataSource + "-wal";
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
        using var held = _gate.EnterScope();
        try
        {
            if (FramesInWal("PASSIVE") > RestartFrames)
            {
                FramesInWal("RESTART");
            }
        }
        catch (SqliteException)
        {
            // A busy or locked database only delays the copy to the next tick; nothing is lost (the WAL keeps it).
        }
    }

    /// <summary>Runs a checkpoint of the given mode and returns the WAL's size in frames (SQLite's second column).</summary>
    private long FramesInWal(string mode)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }

    /// <summary>
    /// Run by the writer between groups: if the WAL file has grown past <see cref="WriterRestartBytes"/>, checkpoints
    /// it on the writer's connection in RESTART mode, after this loop's copy ends (the gate) and waiting in the busy
    /// handler for readers of old snapshots, so the next commit starts the WAL over. A stat per group when the WAL is small.
    /// </summary>
    public void HoldWriterWhileWalTooLarge(SqliteConnection writer)
    {
        if (new FileInfo(_walPath) is not { Exists: true, Length: > WriterRestartBytes })
        {
            return;
        }

        using var held = _gate.EnterScope();
        try
        {
            using var command = writer.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Busy past the timeout (a reader held a snapshot for a minute): the next group tries again.
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
