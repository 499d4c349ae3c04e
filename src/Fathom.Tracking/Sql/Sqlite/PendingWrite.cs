namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// One caller's write waiting for the SQLite writer. Its work runs inside a group's transaction; the caller's task
/// settles only when the group's COMMIT has succeeded (or the write failed), so a completed write is a committed one.
/// </summary>
internal abstract class PendingWrite
{
    public abstract CancellationToken Cancellation { get; }

    public abstract bool IsSettled { get; }

    /// <summary>Runs the work on the group's session and keeps its result until <see cref="Commit"/>.</summary>
    public abstract Task RunAsync(SqlSession session);

    /// <summary>The group committed: hands the kept result to the caller.</summary>
    public abstract void Commit();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

internal sealed class PendingWrite<T>(Func<SqlSession, Task<T>> work, CancellationToken ct) : PendingWrite
{
    // Callers resume on the thread pool, never inside the writer's loop (which would hold up the rest of the group).
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override CancellationToken Cancellation => ct;

    public override bool IsSettled => _completion.Task.IsCompleted;

    public override async Task RunAsync(SqlSession session) => _result = await work(session).ConfigureAwait(false);

    public override void Commit() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception)
    {
        // A work that gave up on cancellation leaves its caller's task cancelled, as awaiting the work directly would.
        if (exception is OperationCanceledException cancelled)
        {
            _completion.TrySetCanceled(cancelled.CancellationToken);
        }
        else
        {
            _completion.TrySetException(exception);
        }
    }

    public override void Cancel() => _completion.TrySetCanceled(ct);
}
