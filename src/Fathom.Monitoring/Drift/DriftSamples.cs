using System.Buffers;
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

    /// <summary>
    /// Both columns' codes over one dictionary, in buffers rented from the shared pool (two million-row columns would
    /// otherwise leave 8 MB of large-object garbage per categorical column and report): dispose the result.
    /// </summary>
    public static SharedCodes Share(CategoricalColumn reference, CategoricalColumn current)
    {
        var categories = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        (int[] Codes, int Length) Remap(CategoricalColumn column)
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
            var codes = ArrayPool<int>.Shared.Rent(Math.Max(1, column.Length - column.MissingCount));
            var n = 0;
            foreach (var c in column.Codes) if (c != CategoricalColumn.MissingCode) codes[n++] = map[c];
            return (codes, n);
        }
        var (referenceCodes, referenceLength) = Remap(reference);
        var (currentCodes, currentLength) = Remap(current);
        return new SharedCodes(referenceCodes, referenceLength, currentCodes, currentLength, categories, pooled: true);
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

/// <summary>Category codes of both datasets over one dictionary; pooled buffers go back to the pool on dispose.</summary>
internal sealed class SharedCodes(int[] reference, int referenceLength, int[] current, int currentLength, IReadOnlyList<string> categories, bool pooled)
    : IDisposable
{
    private int[]? _reference = reference;
    private int[]? _current = current;

    public SharedCodes(int[] reference, int[] current, IReadOnlyList<string> categories)
        : this(reference, reference.Length, current, current.Length, categories, pooled: false)
    {
    }

    public ReadOnlySpan<int> Reference => (_reference ?? throw new ObjectDisposedException(nameof(SharedCodes))).AsSpan(0, referenceLength);

    public ReadOnlySpan<int> Current => (_current ?? throw new ObjectDisposedException(nameof(SharedCodes))).AsSpan(0, currentLength);

    public IReadOnlyList<string> Categories { get; } = categories;

    public void Dispose()
    {
        if (pooled && _reference is not null) ArrayPool<int>.Shared.Return(_reference);
        if (pooled && _current is not null) ArrayPool<int>.Shared.Return(_current);
        _reference = _current = null;
    }
}
