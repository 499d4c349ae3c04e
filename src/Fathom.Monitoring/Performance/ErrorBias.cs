using Fathom.Core.Tables;

namespace Fathom.Monitoring.Performance;

/// <summary>One feature's error bias in one dataset (see <see cref="FeatureErrorBias"/>); missing feature values are skipped, as pandas does.</summary>
internal static class ErrorBias
{
    /// <param name="all">The rows with a target and a prediction.</param>
    /// <param name="under">Rows with the most underestimated errors (at or below the 5% quantile).</param>
    /// <param name="over">Rows with the most overestimated errors (at or above the 95% quantile).</param>
    public static BiasValues Of(Column feature, int[] all, int[] under, int[] over) => feature switch
    {
        NumericColumn numbers => Numerical(numbers.Values, all, under, over),
        _ => Categorical(LabelValues.Of(feature), all, under, over),
    };

    private static BiasValues Numerical(ReadOnlySpan<double> values, int[] all, int[] under, int[] over)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var row in all)
        {
            var v = values[row];
            if (double.IsNaN(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        double majority = Mean(values, all), low = Mean(values, under), high = Mean(values, over);
        var range = high == low ? 0 : 100 * Math.Abs(high - low) / (max - min);
        return new BiasValues(majority, low, high, range);
    }

    private static double Mean(ReadOnlySpan<double> values, IEnumerable<int> rows)
    {
        double sum = 0;
        long n = 0;
        foreach (var row in rows)
        {
            if (double.IsNaN(values[row])) continue;
            sum += values[row];
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }

    private static BiasValues Categorical(string?[] labels, int[] all, int[] under, int[] over)
    {
        string? majority = Mode(labels, all), low = Mode(labels, under), high = Mode(labels, over);
        var range = majority != low || high != majority ? 1.0 : 0.0;
        return new BiasValues(majority, low, high, range);
    }

    /// <summary>pandas' value_counts().reindex(unique()).idxmax(): the most frequent value, ties to the first seen.</summary>
    private static string? Mode(string?[] labels, IEnumerable<int> rows)
    {
        var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        var order = 0;
        foreach (var row in rows)
        {
            if (labels[row] is not { } label) continue;
            counts[label] = counts.TryGetValue(label, out var c) ? (c.Count + 1, c.First) : (1, order++);
        }
        return counts.Count == 0 ? null : counts.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Value.First).First().Key;
    }
}
