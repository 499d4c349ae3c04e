using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Fathom.Core.Tables;

namespace Fathom.Serving.Batch;

/// <summary>
/// The threads of one batch run: a reader, one scorer per core and a writer, each a dedicated thread that blocks
/// on bounded queues. Chunks are scored in parallel but written in file order: the reader queues every chunk twice,
/// to the scorers and to the writer, which waits for each chunk's result in turn. At most
/// <see cref="InFlight"/> chunks exist between reading and writing, whatever the file size. The first failure of any
/// stage stops the others and is rethrown as is.
/// </summary>
internal sealed class BatchRun : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _caller;
    private readonly int _scorers = Math.Max(1, Environment.ProcessorCount);
    private ExceptionDispatchInfo? _failure;

    public BatchRun(CancellationToken ct)
    {
        _caller = ct;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
    }

    /// <summary>Chunks read but not yet written: one per scorer plus one waiting.</summary>
    private int InFlight => _scorers + 1;

    /// <summary>Cancelled when the caller cancels or a stage fails.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>
    /// Runs <paramref name="score"/> on every chunk, in parallel, and <paramref name="write"/> on the results in file order;
    /// <paramref name="rows"/> counts a result's rows for the progress report.
    /// </summary>
    public async Task RunAsync<TScored>(IAsyncEnumerable<DataTable> chunks, Func<DataTable, TScored> score, Action<TScored> write, Func<TScored, int> rows, IProgress<long>? progress)
        where TScored : class
    {
        using var work = new BlockingCollection<Job<TScored>>(_scorers);
        using var order = new BlockingCollection<Job<TScored>>(InFlight);
        var threads = new List<Task> { Start(() => Read(chunks, work, order)), Start(() => Write(order, write, rows, progress)) };
        for (var i = 0; i < _scorers; i++) threads.Add(Start(() => Score(work, score)));
        await Task.WhenAll(threads);
        _failure?.Throw();
        _caller.ThrowIfCancellationRequested();
    }

    private Task Start(Action stage) => Task.Factory.StartNew(() =>
    {
        try
        {
            stage();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Another stage failed or the caller cancelled: that is what the run reports.
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Records the run's first failure and stops every stage.</summary>
    private void Fail(Exception e)
    {
        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
        _stop.Cancel();
    }

    private void Read<TScored>(IAsyncEnumerable<DataTable> chunks, BlockingCollection<Job<TScored>> work, BlockingCollection<Job<TScored>> order)
        where TScored : class
    {
        try
        {
            // The file streams complete synchronously (SynchronousFileStream), so blocking here costs no thread hop.
            var reader = chunks.GetAsyncEnumerator(Token);
            try
            {
                while (reader.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    var job = new Job<TScored>(reader.Current);
                    order.Add(job, Token);
                    work.Add(job, Token);
                }
            }
            finally
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            work.CompleteAdding();
            order.CompleteAdding();
        }
    }

    private void Score<TScored>(BlockingCollection<Job<TScored>> work, Func<DataTable, TScored> score)
        where TScored : class
    {
        foreach (var job in work.GetConsumingEnumerable(Token))
        {
            try
            {
                job.Result = score(job.Input);
            }
            catch (Exception e)
            {
                // Recorded before the writer wakes, so the writer's stop is never taken for the cause.
                Fail(e);
                throw;
            }
            finally
            {
                job.Done.Set();
            }
        }
    }

    private void Write<TScored>(BlockingCollection<Job<TScored>> order, Action<TScored> write, Func<TScored, int> rows, IProgress<long>? progress)
        where TScored : class
    {
        foreach (var job in order.GetConsumingEnumerable(Token))
        {
            job.Done.Wait(Token);
            // A chunk whose scoring failed has no result: the scorer's failure is already recorded.
            if (job.Result is not { } scored) throw new OperationCanceledException(Token);
            write(scored);
            Rows += rows(scored);
            progress?.Report(Rows);
            job.Done.Dispose();
        }
    }

    public void Dispose() => _stop.Dispose();

    private sealed class Job<TScored>(DataTable input)
        where TScored : class
    {
        public DataTable Input { get; } = input;

        public TScored? Result { get; set; }

        public ManualResetEventSlim Done { get; } = new();
    }
}
