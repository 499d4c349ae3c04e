using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.ExceptionServices;

namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// Runs work over a table's rows in blocks, in parallel, each worker with its own state (accumulators, buffers),
/// and the small vector kernels that work uses. Blocks are column-major, so every kernel is a contiguous SIMD loop.
/// </summary>
internal static class RowBlocks
{
    public const int Size = 2048;

    public static int Count(int rows) => (rows + Size - 1) / Size;

    /// <summary>
    /// Calls <paramref name="body"/>(state, block, start, length) for every block; returns every worker's state.
    /// Sums that must not depend on scheduling are kept per block (by the caller) and added in block order.
    /// </summary>
    public static List<TState> Run<TState>(int rows, Func<TState> create, Action<TState, int, int, int> body)
    {
        var blocks = Count(rows);
        // One worker per core, each with one state for all its blocks: buffers are allocated once per worker, not per block.
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, blocks));
        var states = new TState[workers];
        var next = -1;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                var state = states[worker] = create();
                for (var block = Interlocked.Increment(ref next); block < blocks; block = Interlocked.Increment(ref next))
                {
                    var start = block * Size;
                    body(state, block, start, Math.Min(Size, rows - start));
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return [.. states];
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ry = ref MemoryMarshal.GetReference(y);
        Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
        nuint i = 0, n = (nuint)x.Length;
        for (; i + 8 <= n; i += 8)
        {
            a0 += Vector256.LoadUnsafe(ref rx, i) * Vector256.LoadUnsafe(ref ry, i);
            a1 += Vector256.LoadUnsafe(ref rx, i + 4) * Vector256.LoadUnsafe(ref ry, i + 4);
        }
        var sum = Vector256.Sum(a0 + a1);
        for (; i < n; i++) sum += Unsafe.Add(ref rx, i) * Unsafe.Add(ref ry, i);
        return sum;
    }
}
