namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// Evidently 0.4's get_binned_data: the share of each sample per bin. A numerical column whose reference has more than
/// 20 distinct values is cut by Sturges-rule edges over reference and current together; otherwise (or for a
/// categorical column) there is one bin per value present in either sample. With <c>fillZeroes</c> every empty bin
/// gets a small share: 0.0001, or a millionth of the smallest non-zero share when that is at most 0.0001.
/// </summary>
internal static class EvidentlyBinning
{
    private const int MaxDistinctForValueBins = 20;

    public static (double[] Reference, double[] Current) Numerical(ReadOnlySpan<double> reference,
        ReadOnlySpan<double> current, bool fillZeroes)
    {
        if (DistinctValues.CountUpTo(reference, MaxDistinctForValueBins + 1) <= MaxDistinctForValueBins)
        {
            var codes = ValueCodes.Encode(reference, current);
            return Categorical(codes.Reference, codes.Current, codes.CategoryCount, fillZeroes);
        }
        var (min, max) = HistogramEdges.Range(reference, current);
        var edges = HistogramEdges.Sturges(min, max, reference.Length + current.Length);
        var r = Shares(HistogramEdges.Counts(reference, edges), reference.Length);
        var c = Shares(HistogramEdges.Counts(current, edges), current.Length);
        return Finish(r, c, fillZeroes);
    }

    public static (double[] Reference, double[] Current) Categorical(ReadOnlySpan<int> reference,
        ReadOnlySpan<int> current, int categoryCount, bool fillZeroes)
    {
        var (rc, cc) = CategoryCounts.CountPresent(reference, current, categoryCount);
        return Finish(Shares(rc, reference.Length), Shares(cc, current.Length), fillZeroes);
    }

    private static double[] Shares(long[] counts, int total)
    {
        var shares = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            shares[i] = counts[i] / (double)total;
        }
        return shares;
    }

    private static (double[], double[]) Finish(double[] r, double[] c, bool fillZeroes)
    {
        if (fillZeroes)
        {
            FillZeroes(r);
            FillZeroes(c);
        }
        return (r, c);
    }

    private static void FillZeroes(double[] shares)
    {
        var smallest = double.PositiveInfinity;
        foreach (var s in shares)
        {
            if (s != 0 && s < smallest)
            {
                smallest = s;
            }
        }
        var fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        for (var i = 0; i < shares.Length; i++)
        {
            if (shares[i] == 0)
            {
                shares[i] = fill;
            }
        }
    }
}
