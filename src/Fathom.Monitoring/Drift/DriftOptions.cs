namespace Fathom.Monitoring.Drift;

/// <summary>
/// Which drift test runs on which column and with which threshold, mirroring Evidently 0.4's options
/// (stattest, num_stattest, cat_stattest, per_column_stattest, the matching *_threshold options, drift_share).
/// The most specific setting wins: per column, then per type, then global, then Evidently's default choice.
/// </summary>
public sealed record DriftOptions
{
    /// <summary>A test name for every column (e.g. "psi").</summary>
    public string? Test { get; init; }

    public string? NumericalTest { get; init; }

    public string? CategoricalTest { get; init; }

    public IReadOnlyDictionary<string, string> PerColumnTest { get; init; } = new Dictionary<string, string>();

    /// <summary>A threshold for every column; otherwise each test's default threshold.</summary>
    public double? Threshold { get; init; }

    public double? NumericalThreshold { get; init; }

    public double? CategoricalThreshold { get; init; }

    public IReadOnlyDictionary<string, double> PerColumnThreshold { get; init; } = new Dictionary<string, double>();

    /// <summary>The dataset drifted when at least this share of columns drifted (Evidently: 0.5).</summary>
    public double DriftShare { get; init; } = 0.5;

    /// <summary>Bins of the numerical histograms drawn in reports (aggregates only; never raw rows).</summary>
    public int HistogramBins { get; init; } = 20;

    /// <summary>Categories drawn per categorical column in reports; the rest are summed as "other".</summary>
    public int TopCategories { get; init; } = 20;
}
