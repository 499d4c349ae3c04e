using Fathom.Serving.Observability;
using Fathom.Tracking.Artifacts;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// Drains the <see cref="PredictionLogQueue"/> into rolling Parquet files under
/// <c>&lt;model&gt;/date=YYYY-MM-DD/</c> of the sink (a local folder or an S3 prefix), on one background task. Records
/// accumulate per model, day and column set; a file is written (one row group, column by column) when it reaches the
/// row limit or its oldest row the age limit, and everything left is written on shutdown. A failing sink costs the
/// rows of that file (counted as dropped), never the server.
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
    private static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<PendingFile> _pending = [];
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not a BackgroundService: its loop must not be cancelled before it starts, or queued rows would be lost.
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completing the queue lets the loop drain and write what is left; the host's shutdown timeout bounds the wait.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await _loop.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var wait = options.PredictionLogFileAge < DrainInterval ? options.PredictionLogFileAge : DrainInterval;
        while (true)
        {
            var completed = queue.IsCompleted;
            while (queue.TryDequeue(out var record))
            {
                var file = PendingFor(record);
                file.Records.Add(record);
                file.Rows += record.Rows;
                if (file.Rows >= options.PredictionLogFileRows) await FlushAsync(file);
            }
            var now = time.GetUtcNow();
            foreach (var file in _pending.ToArray())
                if (completed || now - file.Started >= options.PredictionLogFileAge) await FlushAsync(file);
            if (completed) return;
            await queue.WaitAsync(wait);
        }
    }

    private PendingFile PendingFor(PredictionRecord record)
    {
        foreach (var file in _pending)
            if (file.Records[0].SharesFileWith(record)) return file;
        var created = new PendingFile(time.GetUtcNow());
        _pending.Add(created);
        return created;
    }

    private async Task FlushAsync(PendingFile file)
    {
        _pending.Remove(file);
        var first = file.Records[0];
        var path = $"{SafeName(first.ModelName)}/date={first.TimestampUtc:yyyy-MM-dd}/{first.TimestampUtc:HHmmss}-{Guid.NewGuid():N}.parquet";
        try
        {
            using var buffer = new MemoryStream();
            await PredictionParquetFile.WriteAsync(file.Records, buffer, CancellationToken.None);
            buffer.Position = 0;
            await sink.WriteAsync(path, buffer, CancellationToken.None);
            metrics.PredictionLogWritten.Inc(file.Rows);
        }
        catch (Exception e)
        {
            metrics.PredictionLogDropped.Inc(file.Rows);
            LogWriteFailed(logger, e, file.Rows, path, sink.RootUri);
        }
        finally
        {
            // Rows count against the queue's memory bound until they are out of memory, written or not.
            queue.Release(file.Rows);
        }
    }

    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prediction log: {Rows} rows could not be written to {Path} under {Root}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int rows, string path, string root);

    private sealed class PendingFile(DateTimeOffset started)
    {
        public DateTimeOffset Started { get; } = started;

        public List<PredictionRecord> Records { get; } = [];

        public int Rows { get; set; }
    }
}
