namespace Fathom.Monitoring.Quality;

/// <summary>The non-missing values of a numeric column, sorted once; every order statistic is read from it.</summary>
internal sealed class SortedValues : IDisposable
{
    private readonly SortedBuffer? _buffer;
    private readonly double[]? _kept;

    /// <summary>Sorts the non-missing values into a pooled buffer (missing values, NaN, are dropped by the sort).</summary>
    public SortedValues(ReadOnlySpan<double> values) => _buffer = RadixSort.Sort(values);

    private SortedValues(double[] sorted) => _kept = sorted;

    /// <summary>Values sorted before and kept by their owner (a reference cache): disposing leaves them alone.</summary>
    public static SortedValues Kept(double[] sorted) => new(sorted);

    public void Dispose() => _buffer?.Dispose();

    public int Count => Values.Length;

    public ReadOnlySpan<double> Values => _kept ?? _buffer!.Values;

    /// <summary>numpy's default (linear) quantile.</summary>
    public double Quantile(double q)
    {
        if (Values.Length == 0) return double.NaN;
        var h = (Values.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        if (lo + 1 >= Values.Length) return Values[^1];
        return Values[lo] + (h - lo) * (Values[lo + 1] - Values[lo]);
    }

    /// <summary>Values strictly below <paramref name="low"/> or strictly above <paramref name="high"/>, by binary search.</summary>
    public long CountOutside(double low, double high)
    {
        if (double.IsNaN(low) || double.IsNaN(high)) return 0;
        return FirstAtLeast(low) + (Values.Length - FirstAbove(high));
    }

    private int FirstAtLeast(double x)
    {
        int lo = 0, hi = Values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Values[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int FirstAbove(double x)
    {
        int lo = 0, hi = Values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Values[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public NumericStatistics Statistics()
    {
        var values = Values;
        if (values.Length == 0) return new NumericStatistics(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double sum = 0;
        foreach (var v in values) sum += v;
        var mean = sum / values.Length;
        double squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var std = values.Length > 1 ? Math.Sqrt(squares / (values.Length - 1)) : double.NaN;
        return new NumericStatistics(values[0], values[^1], mean, std, Quantile(0.25), Quantile(0.5), Quantile(0.75));
    }

    /// <summary>Distinct values and the <paramref name="top"/> most frequent, from one scan of the runs.</summary>
    public (long Unique, List<(double Value, long Count)> Top) Runs(int top)
    {
        var values = Values;
        var best = new List<(double Value, long Count)>();
        long unique = 0;
        for (var i = 0; i < values.Length;)
        {
            var j = i + 1;
            while (j < values.Length && values[j].Equals(values[i])) j++;
            unique++;
            Offer(best, (values[i], j - i), top);
            i = j;
        }
        return (unique, best);
    }

    // Keeps the list ordered by count descending; equal counts keep scan order (smaller value first).
    internal static void Offer<T>(List<(T Value, long Count)> best, (T Value, long Count) item, int top)
    {
        if (best.Count == top && best[^1].Count >= item.Count) return;
        var at = best.Count;
        while (at > 0 && best[at - 1].Count < item.Count) at--;
        best.Insert(at, item);
        if (best.Count > top) best.RemoveAt(best.Count - 1);
    }
}
