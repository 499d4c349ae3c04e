using System.Collections.Concurrent;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// The hand-off between request threads and the log writer. Bounded by rows, not records, so memory stays bounded
/// whatever the batch sizes; <see cref="TryEnqueue"/> never waits: when the writer is behind, the rows are dropped and
/// counted, because a slow disk or bucket must never slow down or fail a prediction.
/// <para>
/// A request's rows are copied at once into the open <see cref="LogSegment"/> (a short lock: a few array copies), so
/// the request's own objects die young. A segment that is full (or of another layout or day than the request) is
/// queued for the writer, which is woken then; otherwise the
/// writer has it sealed on its own schedule (<see cref="AskToSeal"/>). Written segments come back
/// (<see cref="Recycle"/>) and are reused, so at steady load the log allocates nothing per request.
/// </para>
/// <para>
/// The writer must not hold the lock that requests take: preempted inside it on a busy machine, it stalls every request
/// behind it (measured with the writer at a lower priority: a quarter of the throughput). Requests do the
/// sealing when asked; the writer takes the lock itself only when no request came for a whole drain interval (no
/// contention then) and at shutdown, and spare segments come back through a lock-free stack.
/// </para>
/// </summary>
internal sealed class PredictionLogQueue(int capacityRows, double sampleRate, Action<long> onDropped, int segmentRows = 0)
{
    private const int MaxSpareSegments = 8;

    /// <summary>Rows per segment at most: a few of them make a row group, and their arrays stay off the large object heap.</summary>
    internal const int SegmentRows = 4096;

    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<LogSegment> _full = new();
    private readonly ConcurrentStack<LogSegment> _spare = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly int _segmentRows = segmentRows > 0 ? segmentRows : Math.Clamp(capacityRows / 8, 1, SegmentRows);
    private LogSegment? _open;
    private long _queuedRows;
    private int _wakePending;
    private int _sealAsked;
    private LogLayout? _lastLayout;
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
        var sealedOne = false;
        lock (_lock)
        {
            if (_open is null || !_open.Fits(record))
            {
                sealedOne = Seal();
                _open = NewSegment(record, _lastLayout);
                _lastLayout = _open.Layout;
            }
            _open.Append(record);
            if (_sealAsked != 0)
            {
                // No wake-up: the writer asked and looks again at its next drain.
                Seal();
                _sealAsked = 0;
            }
        }
        if (sealedOne) Wake();
        return true;
    }

    /// <summary>Takes the next full segment; its rows stay counted until <see cref="Release"/>.</summary>
    public bool TryDequeue(out LogSegment segment) => _full.TryDequeue(out segment!);

    /// <summary>Queues the open segment, if it holds rows, so the writer sees everything logged so far (at shutdown, or from tests).</summary>
    public void TakeOpen()
    {
        lock (_lock) Seal();
    }

    /// <summary>
    /// Has the open segment queued for the writer: by the next request, or here when the previous ask went unanswered
    /// for a whole drain interval (no request, so no one to contend with).
    /// </summary>
    public void AskToSeal()
    {
        if (Interlocked.Exchange(ref _sealAsked, 1) == 0) return;
        if (!_lock.TryEnter()) return;
        try
        {
            Seal();
            _sealAsked = 0;
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>Waits until a segment fills, the queue is completed, or <paramref name="timeout"/> passes.</summary>
    public void Wait(TimeSpan timeout)
    {
        if (_wake.Wait(timeout)) Volatile.Write(ref _wakePending, 0);
    }

    /// <summary>Called by the writer once it has taken the rows out of memory.</summary>
    public void Release(int rows) => Interlocked.Add(ref _queuedRows, -rows);

    /// <summary>Hands a written segment back for reuse.</summary>
    public void Recycle(LogSegment segment)
    {
        if (_spare.Count < MaxSpareSegments) _spare.Push(segment);
    }

    public void Complete()
    {
        _completed = true;
        _wake.Release();
    }

    private bool Seal()
    {
        if (_open is not { Count: > 0 }) return false;
        _full.Enqueue(_open);
        _open = null;
        return true;
    }

    private LogSegment NewSegment(PredictionRecord record, LogLayout? previous)
    {
        var day = record.TimestampUtc.Date;
        while (_spare.TryPop(out var spare))
        {
            if (spare.Capacity < record.Rows || !spare.Layout.Fits(record)) continue;
            spare.Reset(day);
            return spare;
        }
        var layout = previous is not null && previous.Fits(record) ? previous : LogLayout.Of(record);
        return new LogSegment(layout, day, Math.Max(_segmentRows, record.Rows));
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0) _wake.Release();
    }
}
