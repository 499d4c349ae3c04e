using Fathom.Core.Tables;

namespace Fathom.Monitoring.Drift;

/// <summary>
/// Turns a reference/current column pair into what the drift tests take: numbers without missing values, or
/// category codes over one dictionary shared by both datasets (reference categories first, then new ones).
/// </summary>
internal static class DriftSamples
{
    public static double[] Present(NumericColumn column)
    {
        if (column.MissingCount == 0) return column.Values.ToArray();
        var values = new double[column.Length - column.MissingCount];
        var i = 0;
        foreach (var v in column.Values) if (!double.IsNaN(v)) values[i++] = v;
        return values;
    }

    /// <summary>The non-missing values, without a copy when there is nothing to drop.</summary>
    public static ReadOnlySpan<double> PresentSpan(NumericColumn column) =>
        column.MissingCount == 0 ? column.Values : Present(column);

    public static SharedCodes Share(CategoricalColumn reference, CategoricalColumn current)
    {
        var categories = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Remap(CategoricalColumn column)
        {
            var map = new int[column.Categories.Count];
            for (var i = 0; i < map.Length; i++)
            {
                var name = column.Categories[i];
                if (!index.TryGetValue(name, out var code))
                {
                    code = categories.Count;
                    index.Add(name, code);
                    categories.Add(name);
                }
                map[i] = code;
            }
            var codes = new int[column.Length - column.MissingCount];
            var n = 0;
            foreach (var c in column.Codes) if (c != CategoricalColumn.MissingCode) codes[n++] = map[c];
            return codes;
        }
        var referenceCodes = Remap(reference);
        var currentCodes = Remap(current);
        return new SharedCodes(referenceCodes, currentCodes, categories);
    }

    /// <summary>Distinct values of both samples together, counted up to <paramref name="limit"/>.</summary>
    public static int DistinctUpTo(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int limit)
    {
        var seen = new HashSet<double>();
        foreach (var v in reference) if (seen.Add(v) && seen.Count >= limit) return limit;
        foreach (var v in current) if (seen.Add(v) && seen.Count >= limit) return limit;
        return seen.Count;
    }
}

/// <summary>Category codes of both datasets over one dictionary.</summary>
internal sealed record SharedCodes(int[] Reference, int[] Current, IReadOnlyList<string> Categories);
