namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>Turns numbers into category codes (ordered by value) so categorical tests can run on numeric columns.</summary>
internal static class ValueCodes
{
    public readonly record struct Encoded(int[] Reference, int[] Current, int CategoryCount);

    public static Encoded Encode(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var distinct = new HashSet<double>();
        foreach (var v in reference)
        {
            distinct.Add(v);
        }
        foreach (var v in current)
        {
            distinct.Add(v);
        }
        var values = new double[distinct.Count];
        distinct.CopyTo(values);
        Array.Sort(values);
        var index = new Dictionary<double, int>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            index[values[i]] = i;
        }
        return new Encoded(Map(reference, index), Map(current, index), values.Length);
    }

    private static int[] Map(ReadOnlySpan<double> sample, Dictionary<double, int> index)
    {
        var codes = new int[sample.Length];
        for (var i = 0; i < sample.Length; i++)
        {
            codes[i] = index[sample[i]];
        }
        return codes;
    }
}
