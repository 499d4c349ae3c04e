namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>NumPy's np.percentile(method="linear") on a sorted sample, with NumPy's two-sided lerp.</summary>
internal static class Percentile
{
    public static double Linear(double[] sorted, double q)
    {
        var index = q / 100.0 * (sorted.Length - 1);
        var below = (int)Math.Floor(index);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var t = index - below;
        double a = sorted[below], b = sorted[above];
        var diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    public static double InterquartileRange(double[] sorted) => Linear(sorted, 75) - Linear(sorted, 25);
}
