using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Group commit for the one SQLite writer connection. Writes queue up; whoever finds the writer idle drains the queue,
/// taking everything waiting (up to <see cref="MaxGroup"/>) into one <see cref="WriteGroup"/> transaction. A lone
/// write is run at once by its own caller: no timer waits for company and no thread hop, so nothing is added to an
/// uncontended write; under contention, the writes that queued while one transaction ran share the next COMMIT.
/// After each group the writer holds back while the WAL is too large (<see cref="WalCheckpointer.HoldWriterWhileWalTooLarge"/>).
/// </summary>
internal sealed class GroupCommitWriter(SqliteConnection writer, CommandCache commands, WalCheckpointer checkpointer)
{
    /// <summary>Bounds how long the first write of a group waits for the last one (log-batch writes take milliseconds each).</summary>
    public const int MaxGroup = 32;

    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private readonly WriteGroup _group = new(writer, commands);
    private int _draining;

    public Task<T> WriteAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(ct);
        }

        var write = new PendingWrite<T>(work, ct);
        _queue.Enqueue(write);
        return TryStartDraining() ? DrainThenAwaitAsync(write) : write.Task;
    }

    private bool TryStartDraining() => Interlocked.CompareExchange(ref _draining, 1, 0) == 0;

    private async Task<T> DrainThenAwaitAsync<T>(PendingWrite<T> own)
    {
        await DrainAsync(own).ConfigureAwait(false);
        return await own.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs groups until the queue is empty. A caller draining for its own write hands the rest to the thread pool once
    /// its write is settled, so its response is not held back by writes that arrived after it.
    /// </summary>
    private async Task DrainAsync(PendingWrite? own)
    {
        do
        {
            while (!_queue.IsEmpty)
            {
                if (own is { IsSettled: true })
                {
                    _ = Task.Run(() => DrainAsync(null));
                    return;
                }

                await _group.RunAsync(TakeGroup()).ConfigureAwait(false);
                checkpointer.HoldWriterWhileWalTooLarge(writer);
            }

            // A full fence, not just a volatile write: the emptiness check below must not be read before the release is
            // visible, or a write queued in between would find the writer busy and nobody would ever run it.
            Interlocked.Exchange(ref _draining, 0);
        }
        // A write queued after the emptiness check but before the release found the writer busy: pick it up.
        while (!_queue.IsEmpty && TryStartDraining());
    }

    private List<PendingWrite> TakeGroup()
    {
        var group = new List<PendingWrite>(Math.Min(_queue.Count, MaxGroup));
        while (group.Count < MaxGroup && _queue.TryDequeue(out var write))
        {
            group.Add(write);
        }

        return group;
    }
}
