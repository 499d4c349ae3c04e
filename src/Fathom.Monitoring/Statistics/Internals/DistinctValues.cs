namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>Counting distinct values with an early stop, so "more than N unique values?" costs one short pass.</summary>
internal static class DistinctValues
{
    /// <summary>Distinct values of the two samples together, counting no further than <paramref name="cap"/>.</summary>
    public static int CountUpTo(ReadOnlySpan<double> first, ReadOnlySpan<double> second, int cap)
    {
        var seen = new HashSet<double>();
        foreach (var v in first)
        {
            if (seen.Add(v) && seen.Count >= cap)
            {
                return cap;
            }
        }
        foreach (var v in second)
        {
            if (seen.Add(v) && seen.Count >= cap)
            {
                return cap;
            }
        }
        return seen.Count;
    }

    public static int CountUpTo(ReadOnlySpan<double> sample, int cap) => CountUpTo(sample, [], cap);
}
