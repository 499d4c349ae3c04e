namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>Mean and variance in two passes (stable, and the same formula NumPy uses).</summary>
internal static class Moments
{
    public static double Mean(ReadOnlySpan<double> sample)
    {
        var sum = 0.0;
        foreach (var v in sample)
        {
            sum += v;
        }
        return sum / sample.Length;
    }

    /// <summary>Variance with <paramref name="ddof"/> delta degrees of freedom (NumPy's np.var(ddof=...)).</summary>
    public static double Variance(ReadOnlySpan<double> sample, int ddof = 0)
    {
        var mean = Mean(sample);
        var sum = 0.0;
        foreach (var v in sample)
        {
            var d = v - mean;
            sum += d * d;
        }
        return sum / (sample.Length - ddof);
    }
}
