using System.Threading.Channels;

namespace Fathom.Client.Tracking;

/// <summary>
/// The background worker behind <see cref="FathomRun"/>'s LogMetric/LogParam/SetTag. Callers write to a bounded
/// channel and return at once; one worker drains it into log-batch calls. While a call is in flight new items pile
/// up, so batches grow with the logging rate and no timer is needed.
/// Policy when the server is down: each batch is retried with backoff; the channel keeps filling meanwhile, and
/// when it is full the logging call waits for room (back-pressure rather than silent loss). A batch that fails for
/// good is dropped and reported by the next flush; after such a failure later batches are tried once each until
/// one succeeds, so ending a run against a dead server takes one retry schedule, not one per batch.
/// </summary>
internal sealed class RunLogBuffer
{
    private abstract record Entry;
    private sealed record MetricEntry(Metric Value) : Entry;
    private sealed record ParamEntry(Param Value) : Entry;
    private sealed record TagEntry(RunTag Value) : Entry;
    private sealed record FlushEntry(TaskCompletionSource Done) : Entry;

    private readonly Channel<Entry> _channel;
    private readonly Func<LogBatchBuilder, bool, Task> _send;
    private readonly Task _worker;
    private readonly List<Exception> _failures = [];
    private int _lostItems;
    private bool _serverDown;

    /// <param name="capacity">Most items held before writers wait.</param>
    /// <param name="send">Sends one batch; the flag says whether to use the full retry schedule.</param>
    public RunLogBuffer(int capacity, Func<(List<Metric>, List<Param>, List<RunTag>), bool, Task> send)
    {
        _channel = Channel.CreateBounded<Entry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _send = (batch, retry) => send(batch.Take(), retry);
        _worker = Task.Run(DrainAsync);
    }

    public void Add(Metric metric) => Write(new MetricEntry(metric));

    public void Add(Param param) => Write(new ParamEntry(param));

    public void Add(RunTag tag) => Write(new TagEntry(tag));

    /// <summary>Completes when everything added before the call has been sent (or has failed for good).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new FlushEntry(done), ct);
        await done.Task.WaitAsync(ct);
        ThrowIfFailed();
    }

    /// <summary>Sends what is left and stops the worker; later writes throw.</summary>
    public async Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await _worker;
        ThrowIfFailed();
    }

    private void Write(Entry entry)
    {
        if (_channel.Writer.TryWrite(entry))
            return;
        try
        {
            // Full: wait for the worker to make room. The worker runs on the thread pool, so blocking here is safe.
            _channel.Writer.WriteAsync(entry).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("This run has ended: nothing more can be logged to it.");
        }
    }

    private void ThrowIfFailed()
    {
        lock (_failures)
        {
            if (_failures.Count == 0)
                return;
            var error = new FathomLoggingException([.. _failures], _lostItems);
            _failures.Clear();
            _lostItems = 0;
            throw error;
        }
    }

    private async Task DrainAsync()
    {
        var batch = new LogBatchBuilder();
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var entry))
            {
                if (entry is FlushEntry flush)
                {
                    await SendAsync(batch);
                    flush.Done.TrySetResult();
                }
                else if (!TryAdd(batch, entry))
                {
                    await SendAsync(batch);
                    TryAdd(batch, entry);
                }
            }
            await SendAsync(batch);
        }
    }

    private static bool TryAdd(LogBatchBuilder batch, Entry entry) => entry switch
    {
        MetricEntry m => batch.TryAddMetric(m.Value),
        ParamEntry p => batch.TryAddParam(p.Value),
        TagEntry t => batch.TryAddTag(t.Value),
        _ => true,
    };

    private async Task SendAsync(LogBatchBuilder batch)
    {
        var count = batch.Count;
        if (count == 0)
            return;
        try
        {
            await _send(batch, !_serverDown);
            _serverDown = false;
        }
        catch (Exception e)
        {
            _serverDown = e is FathomConnectionException or FathomException { HttpStatus: >= 500 };
            lock (_failures)
            {
                _failures.Add(e);
                _lostItems += count;
            }
        }
    }
}
