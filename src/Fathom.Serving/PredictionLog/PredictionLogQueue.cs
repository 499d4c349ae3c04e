using System.Threading.Channels;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// The hand-off between request threads and the log writer. Bounded by rows, not records, so memory stays bounded
/// whatever the batch sizes; <see cref="TryEnqueue"/> never waits: when the writer is behind, the rows are dropped and
/// counted, because a slow disk or bucket must never slow down or fail a prediction.
/// </summary>
internal sealed class PredictionLogQueue(int capacityRows, double sampleRate, Action<long> onDropped)
{
    private readonly Channel<PredictionRecord> _channel = Channel.CreateUnbounded<PredictionRecord>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private long _queuedRows;

    public ChannelReader<PredictionRecord> Reader => _channel.Reader;

    public long QueuedRows => Interlocked.Read(ref _queuedRows);

    /// <summary>Decides sampling per request, so a sampled request is logged whole.</summary>
    public bool ShouldLog() => sampleRate >= 1 || (sampleRate > 0 && Random.Shared.NextDouble() < sampleRate);

    public bool TryEnqueue(PredictionRecord record)
    {
        var rows = record.Rows;
        if (Interlocked.Add(ref _queuedRows, rows) > capacityRows || !_channel.Writer.TryWrite(record))
        {
            Interlocked.Add(ref _queuedRows, -rows);
            onDropped(rows);
            return false;
        }
        return true;
    }

    /// <summary>Called by the writer once it has taken the rows out of memory.</summary>
    public void Release(int rows) => Interlocked.Add(ref _queuedRows, -rows);

    public void Complete() => _channel.Writer.TryComplete();
}
