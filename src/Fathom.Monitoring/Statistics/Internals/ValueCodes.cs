namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>Turns numbers into category codes (ordered by value) so categorical tests can run on numeric columns.</summary>
internal static class ValueCodes
{
    // Below this many distinct values a linear scan beats hashing or sorting a million rows.
    private const int SmallDistinct = 32;

    public readonly record struct Encoded(int[] Reference, int[] Current, int CategoryCount);

    public static Encoded Encode(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var values = DistinctSorted(reference, current);
        return new Encoded(Map(reference, values), Map(current, values), values.Length);
    }

    /// <summary>The distinct values of both samples, ascending.</summary>
    public static double[] DistinctSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var few = new List<double>(SmallDistinct);
        if (CollectFew(reference, few) && CollectFew(current, few))
        {
            few.Sort();
            return [.. few];
        }
        var pooled = new double[reference.Length + current.Length];
        reference.CopyTo(pooled);
        current.CopyTo(pooled.AsSpan(reference.Length));
        Array.Sort(pooled);
        var count = 0;
        for (var i = 0; i < pooled.Length; i++)
        {
            if (i == 0 || pooled[i] != pooled[count - 1])
            {
                pooled[count++] = pooled[i];
            }
        }
        return pooled[..count];
    }

    private static bool CollectFew(ReadOnlySpan<double> sample, List<double> few)
    {
        var last = double.NaN;
        foreach (var v in sample)
        {
            if (v == last || few.Contains(v))
            {
                last = v;
                continue;
            }
            if (few.Count == SmallDistinct)
            {
                return false;
            }
            few.Add(v);
            last = v;
        }
        return true;
    }

    private static int[] Map(ReadOnlySpan<double> sample, double[] values)
    {
        var codes = new int[sample.Length];
        for (var i = 0; i < sample.Length; i++)
        {
            codes[i] = Array.BinarySearch(values, sample[i]);
        }
        return codes;
    }
}
