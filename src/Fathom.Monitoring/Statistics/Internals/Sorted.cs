namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>Sorted copies: the one sort most numerical tests need.</summary>
internal static class Sorted
{
    public static double[] Copy(ReadOnlySpan<double> sample)
    {
        var copy = sample.ToArray();
        Array.Sort(copy);
        return copy;
    }
}
