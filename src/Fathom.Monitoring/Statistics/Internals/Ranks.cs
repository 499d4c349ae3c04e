namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// Mid-ranks of two samples pooled (SciPy's rankdata(method="average")), from one merge of the sorted samples.
/// </summary>
internal static class Ranks
{
    /// <summary>Sum of the pooled mid-ranks of <paramref name="a"/>'s values, and Σ(t³ - t) over tie groups.</summary>
    public static (double RankSumA, double TieTerm, bool HasTies) RankSum(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, j = 0, position = 0;
        double rankSum = 0, tieTerm = 0;
        var hasTies = false;
        while (i < a.Length || j < b.Length)
        {
            var x = i < a.Length && (j >= b.Length || a[i] <= b[j]) ? a[i] : b[j];
            int fromA = 0, fromB = 0;
            while (i < a.Length && a[i] == x)
            {
                i++;
                fromA++;
            }
            while (j < b.Length && b[j] == x)
            {
                j++;
                fromB++;
            }
            double t = fromA + fromB;
            var midRank = position + (t + 1) / 2.0;
            rankSum += fromA * midRank;
            tieTerm += t * t * t - t;
            hasTies |= t > 1;
            position += fromA + fromB;
        }
        return (rankSum, tieTerm, hasTies);
    }

    /// <summary>Pooled mid-ranks of each value of <paramref name="a"/> and <paramref name="b"/>, in their sorted order.</summary>
    public static (double[] RanksA, double[] RanksB) Both(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var ra = new double[a.Length];
        var rb = new double[b.Length];
        int i = 0, j = 0, position = 0;
        while (i < a.Length || j < b.Length)
        {
            var x = i < a.Length && (j >= b.Length || a[i] <= b[j]) ? a[i] : b[j];
            int startA = i, startB = j;
            while (i < a.Length && a[i] == x)
            {
                i++;
            }
            while (j < b.Length && b[j] == x)
            {
                j++;
            }
            double t = i - startA + (j - startB);
            var midRank = position + (t + 1) / 2.0;
            for (var k = startA; k < i; k++)
            {
                ra[k] = midRank;
            }
            for (var k = startB; k < j; k++)
            {
                rb[k] = midRank;
            }
            position += (int)t;
        }
        return (ra, rb);
    }
}
