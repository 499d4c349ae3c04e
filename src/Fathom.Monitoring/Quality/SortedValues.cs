namespace Fathom.Monitoring.Quality;

/// <summary>The non-missing values of a numeric column, sorted once; every order statistic is read from it.</summary>
internal sealed class SortedValues
{
    private readonly double[] _sorted;

    public SortedValues(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var v in values) if (!double.IsNaN(v)) count++;
        if (count == values.Length)
        {
            _sorted = RadixSort.SortedCopy(values);
            return;
        }
        var present = new double[count];
        var i = 0;
        foreach (var v in values) if (!double.IsNaN(v)) present[i++] = v;
        _sorted = RadixSort.SortedCopy(present);
    }

    public int Count => _sorted.Length;

    public ReadOnlySpan<double> Values => _sorted;

    /// <summary>numpy's default (linear) quantile.</summary>
    public double Quantile(double q)
    {
        if (_sorted.Length == 0) return double.NaN;
        var h = (_sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        if (lo + 1 >= _sorted.Length) return _sorted[^1];
        return _sorted[lo] + (h - lo) * (_sorted[lo + 1] - _sorted[lo]);
    }

    /// <summary>Values strictly below <paramref name="low"/> or strictly above <paramref name="high"/>, by binary search.</summary>
    public long CountOutside(double low, double high)
    {
        if (double.IsNaN(low) || double.IsNaN(high)) return 0;
        return FirstAtLeast(low) + (_sorted.Length - FirstAbove(high));
    }

    private int FirstAtLeast(double x)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int FirstAbove(double x)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public NumericStatistics Statistics()
    {
        if (_sorted.Length == 0) return new NumericStatistics(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double sum = 0;
        foreach (var v in _sorted) sum += v;
        var mean = sum / _sorted.Length;
        double squares = 0;
        foreach (var v in _sorted) squares += (v - mean) * (v - mean);
        var std = _sorted.Length > 1 ? Math.Sqrt(squares / (_sorted.Length - 1)) : double.NaN;
        return new NumericStatistics(_sorted[0], _sorted[^1], mean, std, Quantile(0.25), Quantile(0.5), Quantile(0.75));
    }

    /// <summary>Distinct values and the <paramref name="top"/> most frequent, from one scan of the runs.</summary>
    public (long Unique, List<(double Value, long Count)> Top) Runs(int top)
    {
        var best = new List<(double Value, long Count)>();
        long unique = 0;
        for (var i = 0; i < _sorted.Length;)
        {
            var j = i + 1;
            while (j < _sorted.Length && _sorted[j].Equals(_sorted[i])) j++;
            unique++;
            Offer(best, (_sorted[i], j - i), top);
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
