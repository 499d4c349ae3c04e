using System.Collections.Concurrent;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;
using Fathom.Monitoring.Quality;

namespace Fathom.Monitoring.Drift;

/// <summary>
/// What one reference contributes to every report against it, computed on first use and kept: the sorted values of
/// each numerical column (the tests that sort, such as KS and Wasserstein, and the quality statistics), the data
/// quality summary of each column and the duplicated rows and columns, and the multivariate reference fit (PCA,
/// Mahalanobis thresholds, correlations). Per-window reports share one, so the reference is sorted and fitted once,
/// not once per window. It holds one sorted copy per numerical column (8 MB per million values) while it lives.
/// </summary>
internal sealed class ReferenceCache
{
    private readonly ConcurrentDictionary<string, Lazy<double[]>> _sorted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Column, QualityOptions Options), Lazy<ColumnSummary>> _summaries = new();
    private readonly Lazy<(long Rows, List<string[]> Columns)> _duplicates;
    private readonly Lock _gate = new();
    private MultivariateReference? _multivariate;

    public ReferenceCache(DataTable reference)
    {
        Reference = reference;
        _duplicates = new Lazy<(long, List<string[]>)>(() => FindDuplicates(reference));
    }

    public DataTable Reference { get; }

    /// <summary>The data quality summary of a reference column (sorting it once, shared with the drift tests).</summary>
    public ColumnSummary QualitySummary(Column column, QualityOptions options) =>
        _summaries.GetOrAdd((column.Name, options), _ => new Lazy<ColumnSummary>(() =>
        {
            var summary = ColumnSummarizer.Summarize(column, options, out var sorted, Sorted);
            sorted?.Dispose();
            return summary;
        })).Value;

    /// <summary>The reference's duplicated rows and duplicated columns.</summary>
    public (long Rows, List<string[]> Columns) Duplicates() => _duplicates.Value;

    public static (long Rows, List<string[]> Columns) FindDuplicates(DataTable table) =>
        (Quality.Duplicates.CountDuplicatedRows(table), Quality.Duplicates.FindDuplicatedColumns(table));

    /// <summary>The present values of a reference column, sorted ascending.</summary>
    public double[] Sorted(NumericColumn column) =>
        _sorted.GetOrAdd(column.Name, _ => new Lazy<double[]>(() =>
        {
            using var sorted = RadixSort.Sort(column.Values);
            return sorted.Values.ToArray();
        })).Value;

    /// <summary>The multivariate reference fit for this definition and these options (refitted only when they differ).</summary>
    public MultivariateReference Multivariate(DataDefinition definition, MultivariateOptions options)
    {
        lock (_gate)
        {
            if (_multivariate is null || _multivariate.Key != MultivariateReference.KeyOf(definition, options))
                _multivariate = MultivariateReference.Fit(Reference, definition, options);
            return _multivariate;
        }
    }
}
