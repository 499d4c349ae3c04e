using System.Globalization;
using Fathom.Client.Artifacts;
using Fathom.Client.Tracking;

namespace Fathom.Client;

/// <summary>
/// An active run in training code, from <see cref="FathomClient.StartRunAsync"/>. <see cref="LogMetric"/>,
/// <see cref="LogParam"/> and <see cref="SetTag"/> return at once: a background worker sends them with log-batch
/// (see <see cref="FathomClientOptions.LogBufferCapacity"/> for what happens when the server is down).
/// <para>
/// Ending: disposing the run flushes the buffer and sets its status to FINISHED, unless <see cref="MarkFailed"/>
/// was called, then FAILED. C# gives <c>DisposeAsync</c> no way to see an exception in flight, so either call
/// <see cref="MarkFailed"/> in your <c>catch</c>, or let <see cref="FathomClient.RunAsync"/> do it for you;
/// <see cref="EndAsync"/> sets any status explicitly.
/// </para>
/// </summary>
public sealed class FathomRun : IAsyncDisposable
{
    private readonly FathomClient _client;
    private readonly RunLogBuffer _buffer;
    private Exception? _failure;
    private bool _ended;

    internal FathomRun(FathomClient client, Run run)
    {
        _client = client;
        Info = run.Info;
        _buffer = new RunLogBuffer(client.Options.LogBufferCapacity, (batch, retry) =>
            client.Transport.PostJsonAsync(FathomClient.Api + "runs/log-batch",
                new Http.LogBatchRequest(RunId, batch.Item1, batch.Item2, batch.Item3), CancellationToken.None,
                maxRetries: retry ? null : 0));
    }

    /// <summary>The client the run logs through (for extensions such as Fathom.Models' LogModelAsync).</summary>
    public FathomClient Client => _client;

    /// <summary>The run's metadata as the server returned it at creation.</summary>
    public RunInfo Info { get; }

    /// <summary>The run's id.</summary>
    public string RunId => Info.RunId;

    /// <summary>The experiment the run belongs to.</summary>
    public string ExperimentId => Info.ExperimentId;

    /// <summary>The status the run will get when disposed: <see cref="RunStatus.Failed"/> after <see cref="MarkFailed"/>.</summary>
    public RunStatus StatusOnDispose => _failure is null ? RunStatus.Finished : RunStatus.Failed;

    /// <summary>Buffers a metric value; never waits on the network (only for buffer room, see the class remarks).</summary>
    /// <param name="key">Metric name.</param>
    /// <param name="value">Value; NaN and infinities are allowed.</param>
    /// <param name="step">Training step.</param>
    /// <param name="timestamp">Ms since the epoch; null means now.</param>
    public void LogMetric(string key, double value, long step = 0, long? timestamp = null) =>
        _buffer.Add(new Metric(key, value, timestamp ?? FathomClient.NowMs(), step));

    /// <summary>Buffers a param. Params are write-once; <paramref name="value"/> is formatted with the invariant culture.</summary>
    /// <param name="key">Param name.</param>
    /// <param name="value">Value.</param>
    public void LogParam(string key, object value) =>
        _buffer.Add(new Param(key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));

    /// <summary>Buffers a tag; a later value for the same key wins.</summary>
    /// <param name="key">Tag name.</param>
    /// <param name="value">Value.</param>
    public void SetTag(string key, string value) => _buffer.Add(new RunTag(key, value));

    /// <summary>Waits until everything logged so far is stored.</summary>
    /// <param name="ct">Stops waiting (the worker keeps sending).</param>
    /// <returns>A task that completes when the buffer is drained.</returns>
    /// <exception cref="FathomLoggingException">Some buffered items could not be stored.</exception>
    public Task FlushAsync(CancellationToken ct = default) => _buffer.FlushAsync(ct);

    /// <summary>Uploads a file or a directory's contents to this run's artifacts (see <see cref="FathomClient.LogArtifactAsync"/>).</summary>
    /// <param name="localPath">A file or directory.</param>
    /// <param name="artifactPath">Directory inside the run's artifacts; null for the root.</param>
    /// <param name="progress">Receives byte counts.</param>
    /// <param name="ct">Cancels the upload.</param>
    /// <returns>A task that completes when the upload is stored.</returns>
    public Task LogArtifactAsync(string localPath, string? artifactPath = null,
        IProgress<ArtifactTransferProgress>? progress = null, CancellationToken ct = default) =>
        _client.UploadAsync(ArtifactRoot.Parse(Info.ArtifactUri, RunId), localPath, artifactPath, progress, ct);

    /// <summary>Starts a nested run in the same experiment, tagged <c>mlflow.parentRunId</c> = this run.</summary>
    /// <param name="runName">The child's name.</param>
    /// <param name="tags">Extra tags.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The child run; dispose it before this one.</returns>
    public Task<FathomRun> StartChildRunAsync(string? runName = null, IReadOnlyList<RunTag>? tags = null, CancellationToken ct = default) =>
        _client.StartRunInExperimentAsync(ExperimentId, runName, tags, RunId, ct);

    /// <summary>Makes disposal end the run as FAILED.</summary>
    /// <param name="reason">What went wrong; kept so disposal does not hide it behind logging errors.</param>
    public void MarkFailed(Exception? reason = null) => _failure = reason ?? new InvalidOperationException("Marked failed.");

    /// <summary>Flushes the buffer, stops the worker and sets the final status and end time. Later calls do nothing.</summary>
    /// <param name="status">The final status.</param>
    /// <param name="ct">Cancels the status update.</param>
    /// <returns>A task that completes when the run has ended.</returns>
    /// <exception cref="FathomLoggingException">Some buffered items could not be stored (the status is still set).</exception>
    public async Task EndAsync(RunStatus status = RunStatus.Finished, CancellationToken ct = default)
    {
        if (_ended)
            return;
        _ended = true;
        FathomLoggingException? loggingError = null;
        try
        {
            await _buffer.CompleteAsync();
        }
        catch (FathomLoggingException e)
        {
            loggingError = e;
        }
        await _client.UpdateRunAsync(RunId, status, FathomClient.NowMs(), ct: ct);
        // When the run already failed, its own exception is the one the caller must see.
        if (loggingError is not null && _failure is null)
            throw loggingError;
    }

    /// <summary>Ends the run: FINISHED, or FAILED after <see cref="MarkFailed"/>.</summary>
    /// <returns>A task that completes when the run has ended.</returns>
    public async ValueTask DisposeAsync() => await EndAsync(StatusOnDispose);
}
