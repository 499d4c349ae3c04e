using System.Runtime.ExceptionServices;

namespace Fathom.Monitoring;

/// <summary>Runs per-column work in parallel and rethrows the first failure as itself, so callers see a FathomException, not an AggregateException.</summary>
internal static class ParallelColumns
{
    public static T[] Map<T>(int count, Func<int, T> body)
    {
        var results = new T[count];
        try
        {
            Parallel.For(0, count, i => results[i] = body(i));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
