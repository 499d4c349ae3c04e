using System.Collections.Concurrent;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// A bounded pool of read connections of one kind: at most <c>max(4, 2 x cores)</c> in use at once, opened on demand
/// and kept for the next read. A connection that failed in an unexpected way is closed rather than reused.
/// </summary>
internal sealed class ReaderPool<T>(Func<T> open) : IDisposable where T : class, IDisposable
{
    private readonly ConcurrentBag<T> _idle = [];
    private readonly SemaphoreSlim _slots = new(Math.Max(4, Environment.ProcessorCount * 2));
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="work"/> on an idle connection (opening one if none is), then returns it to the pool.</summary>
    public async Task<TResult> UseAsync<TResult>(Func<T, Task<TResult>> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        T? connection = null;
        var healthy = false;
        try
        {
            connection = _idle.TryTake(out var idle) ? idle : open();
            var result = await work(connection).ConfigureAwait(false);
            healthy = true;
            return result;
        }
        catch (FathomException)
        {
            // An expected "not found" leaves the connection as good as before.
            healthy = true;
            throw;
        }
        finally
        {
            if (connection is not null && healthy && !_disposed)
            {
                _idle.Add(connection);
            }
            else
            {
                connection?.Dispose();
            }

            _slots.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
