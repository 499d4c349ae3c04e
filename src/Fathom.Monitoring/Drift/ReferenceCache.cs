using System.Collections.Concurrent;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;

namespace Fathom.Monitoring.Drift;

/// <summary>
/// What one reference contributes to every report against it, computed on first use and kept: the sorted values of
/// each numerical column (the tests that sort, such as KS and Wasserstein) and the multivariate reference fit (PCA,
/// Mahalanobis thresholds, correlations). Per-window reports share one, so the reference is sorted and fitted once,
/// not once per window. It holds one sorted copy per numerical column (8 MB per million values) while it lives.
/// </summary>
internal sealed class ReferenceCache(DataTable reference)
{
    private readonly ConcurrentDictionary<string, Lazy<double[]>> _sorted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private MultivariateReference? _multivariate;

    public DataTable Reference { get; } = reference;

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
