using System.Runtime.ExceptionServices;

namespace Fathom.Monitoring;

/// <summary>
/// Runs per-column work in parallel, one column per core (more would only hold more sorted copies in memory at once),
/// and rethrows the first failure as itself, so callers see a FathomException, not an AggregateException.
/// </summary>
internal static class ParallelColumns
{
    public static T[] Map<T>(int count, Func<int, T> body)
    {
        var results = new T[count];
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            Parallel.For(0, count, options, i => results[i] = body(i));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
