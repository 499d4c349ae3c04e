using Fathom.Serving.Observability;
using Fathom.Tracking.Artifacts;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// Drains the <see cref="PredictionLogQueue"/> into rolling Parquet files under
/// <c>&lt;model&gt;/date=YYYY-MM-DD/</c> of the sink (a local folder or an S3 prefix), on one thread of its own. Segments
/// of logged rows accumulate per model, day and column set and are serialised a row group at a time
/// (<see cref="RowGroupRows"/>), then reused; a file is written when it reaches the row limit or its oldest row the age limit, and
/// everything left is written on shutdown. A failing sink costs the rows of that file (counted as dropped), never the
/// server.
/// </summary>
internal sealed partial class PredictionLogWriter(
    PredictionLogQueue queue,
    IArtifactRepository sink,
    ServingMetrics metrics,
    ServingOptions options,
    TimeProvider time,
    ILogger<PredictionLogWriter> logger) : IHostedService
{
    /// <summary>How often the writer looks at the queue when nothing wakes it: batches records without delaying files much.</summary>
    private static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Rows per row group: large, so the fixed cost of a column chunk's pages is spread thin, yet reached within a
    /// fraction of a second at full load (and at most every drain interval below it, the writer writes what it holds
    /// only when a file closes). A row group's pages are encoded from the segments' arrays; nothing is gathered.
    /// </summary>
    internal const int RowGroupRows = 16_384;

    /// <summary>A file buffer bigger than this is not kept for the next file.</summary>
    private const int MaxReusedBufferBytes = 64 << 20;

    private readonly List<PendingFile> _pending = [];
    private readonly Stack<MemoryStream> _spareBuffers = new();
    private readonly LogColumnEncoder _encoder = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The loop runs on a thread of its own rather than on the thread pool: encoding is CPU work that must not take
    /// pool threads from requests, and the thread's CPU time is the log's cost, readable in <c>/proc/PID/task/*/stat</c>
    /// under its name. Normal priority on purpose: at nice 10 it lost 44% of the rows (dropped) when wrk and the
    /// requests kept both cores busy. Not a BackgroundService: its loop must not be cancelled before it
    /// starts, or queued rows would be lost.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        new Thread(Run) { IsBackground = true, Name = "fathom-predlog" }.Start();
        return Task.CompletedTask;
    }

    /// <summary>Completing the queue lets the loop drain and write what is left; the host's shutdown timeout bounds the wait.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await _stopped.Task.WaitAsync(cancellationToken);
    }

    private void Run()
    {
        try
        {
            Loop();
            _stopped.SetResult();
        }
        catch (Exception e)
        {
            _stopped.SetException(e);
        }
    }

    /// <summary>
    /// Synchronous, so the work stays on this thread: encoding is synchronous, and blocking here on a sink's upload
    /// holds only this thread.
    /// </summary>
    private void Loop()
    {
        var wait = options.PredictionLogFileAge < DrainInterval ? options.PredictionLogFileAge : DrainInterval;
        while (true)
        {
            var completed = queue.IsCompleted;
            if (completed) queue.TakeOpen();
            else queue.AskToSeal();
            while (queue.TryDequeue(out var segment))
            {
                var file = PendingFor(segment);
                file.Segments.Add(segment);
                file.GroupRows += segment.Count;
                if (file.GroupRows >= Math.Min(RowGroupRows, options.PredictionLogFileRows)) AppendGroup(file);
                if (file.Rows >= options.PredictionLogFileRows) FlushAsync(file).GetAwaiter().GetResult();
            }
            var now = time.GetUtcNow();
            foreach (var file in _pending.ToArray())
                if (completed || now - file.Started >= options.PredictionLogFileAge) FlushAsync(file).GetAwaiter().GetResult();
            if (completed) return;
            queue.Wait(wait);
        }
    }

    private PendingFile PendingFor(LogSegment segment)
    {
        foreach (var file in _pending)
            if (file.Day == segment.Day && file.Layout.SameAs(segment.Layout)) return file;
        var buffer = _spareBuffers.TryPop(out var spare) ? spare : new MemoryStream();
        var created = new PendingFile(segment.Layout, segment.Day, segment.Timestamps[0], time.GetUtcNow(), buffer);
        _pending.Add(created);
        return created;
    }

    /// <summary>Serialises the file's waiting segments; their rows stop counting against the queue's memory bound and the segments are reused.</summary>
    private void AppendGroup(PendingFile file)
    {
        var rows = file.GroupRows;
        try
        {
            if (file.Failed is null) file.Bytes.Append(file.Segments, _encoder);
        }
        catch (Exception e)
        {
            file.Failed = e;
        }
        finally
        {
            file.Rows += rows;
            foreach (var segment in file.Segments) queue.Recycle(segment);
            file.Segments.Clear();
            file.GroupRows = 0;
            queue.Release(rows);
        }
    }

    private async Task FlushAsync(PendingFile file)
    {
        _pending.Remove(file);
        if (file.GroupRows > 0) AppendGroup(file);
        var path = $"{SafeName(file.Layout.ModelName)}/date={file.Day:yyyy-MM-dd}/{file.FirstRowUtc:HHmmss}-{Guid.NewGuid():N}.parquet";
        try
        {
            if (file.Failed is not null) throw file.Failed;
            await sink.WriteAsync(path, file.Bytes.Finish(), CancellationToken.None);
            metrics.PredictionLogWritten.Inc(file.Rows);
        }
        catch (Exception e)
        {
            metrics.PredictionLogDropped.Inc(file.Rows);
            LogWriteFailed(logger, e, file.Rows, path, sink.RootUri);
        }
        finally
        {
            Reuse(file.Buffer);
        }
    }

    /// <summary>Keeps a written file's buffer for the next file: files of 100,000 rows are megabytes, and a fresh
    /// stream growing to that size every few seconds churned the large object heap (gen2 collections).</summary>
    private void Reuse(MemoryStream buffer)
    {
        if (buffer.Capacity > MaxReusedBufferBytes || _spareBuffers.Count >= 2)
        {
            buffer.Dispose();
            return;
        }
        buffer.SetLength(0);
        _spareBuffers.Push(buffer);
    }

    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prediction log: {Rows} rows could not be written to {Path} under {Root}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int rows, string path, string root);

    private sealed class PendingFile(LogLayout layout, DateTime day, DateTime firstRowUtc, DateTimeOffset started, MemoryStream buffer)
    {
        public MemoryStream Buffer { get; } = buffer;

        public LogLayout Layout { get; } = layout;

        public DateTime Day { get; } = day;

        public DateTimeOffset Started { get; } = started;

        public LogParquetFile Bytes { get; } = LogParquetFile.For(layout, buffer);

        /// <summary>The time of the file's first logged row (its name starts with it).</summary>
        public DateTime FirstRowUtc { get; } = firstRowUtc;

        /// <summary>Segments waiting for the next row group.</summary>
        public List<LogSegment> Segments { get; } = [];

        public int GroupRows { get; set; }

        /// <summary>Rows already serialised into <see cref="Bytes"/>.</summary>
        public int Rows { get; set; }

        /// <summary>Why a row group could not be serialised; the file's rows are then dropped at flush.</summary>
        public Exception? Failed { get; set; }
    }
}
