using System.Collections.Concurrent;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// The hand-off between request threads and the log writer. Bounded by rows, not records, so memory stays bounded
/// whatever the batch sizes; <see cref="TryEnqueue"/> never waits: when the writer is behind, the rows are dropped and
/// counted, because a slow disk or bucket must never slow down or fail a prediction.
/// <para>
/// A request only appends a reference to its already-parsed columns (they are never mutated after parsing) to a
/// lock-free queue: no copy, no wake-up. The writer drains it on its own schedule (<see cref="WaitAsync"/>) and is
/// woken early only once <c>wakeRows</c> rows are waiting, so a burst of single-row requests costs one thread-pool
/// hop per batch instead of one per request.
/// </para>
/// </summary>
internal sealed class PredictionLogQueue(int capacityRows, double sampleRate, Action<long> onDropped, int wakeRows = 0)
{
    private readonly ConcurrentQueue<PredictionRecord> _records = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly int _wakeRows = wakeRows > 0 ? wakeRows : Math.Max(1, capacityRows / 4);
    private long _queuedRows;
    private long _unreadRows;
    private int _wakePending;
    private volatile bool _completed;

    public long QueuedRows => Interlocked.Read(ref _queuedRows);

    public bool IsCompleted => _completed;

    /// <summary>Decides sampling per request, so a sampled request is logged whole.</summary>
    public bool ShouldLog() => sampleRate >= 1 || (sampleRate > 0 && Random.Shared.NextDouble() < sampleRate);

    public bool TryEnqueue(PredictionRecord record)
    {
        var rows = record.Rows;
        if (_completed || Interlocked.Add(ref _queuedRows, rows) > capacityRows)
        {
            if (!_completed) Interlocked.Add(ref _queuedRows, -rows);
            onDropped(rows);
            return false;
        }
        _records.Enqueue(record);
        if (Interlocked.Add(ref _unreadRows, rows) >= _wakeRows && Interlocked.Exchange(ref _wakePending, 1) == 0) _wake.Release();
        return true;
    }

    /// <summary>Takes the next record; its rows stay counted until <see cref="Release"/>.</summary>
    public bool TryDequeue(out PredictionRecord record)
    {
        if (!_records.TryDequeue(out record!)) return false;
        Interlocked.Add(ref _unreadRows, -record.Rows);
        return true;
    }

    /// <summary>Waits until enough rows are waiting, the queue is completed, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout)
    {
        if (await _wake.WaitAsync(timeout)) Volatile.Write(ref _wakePending, 0);
    }

    /// <summary>Called by the writer once it has taken the rows out of memory.</summary>
    public void Release(int rows) => Interlocked.Add(ref _queuedRows, -rows);

    public void Complete()
    {
        _completed = true;
        _wake.Release();
    }
}
