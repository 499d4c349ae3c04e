namespace Fathom.Monitoring.Quality;

/// <summary>A value and how often it occurs among the non-missing values.</summary>
public sealed record ValueCount(string Value, long Count, double Share);

/// <summary>Statistics of one column in one dataset (reference or current).</summary>
public sealed record ColumnSummary
{
    public required long Count { get; init; }

    public required long MissingCount { get; init; }

    public double MissingShare => Count == 0 ? 0 : (double)MissingCount / Count;

    public required long UniqueCount { get; init; }

    /// <summary>The most frequent values, most frequent first (ties: smaller value first).</summary>
    public required IReadOnlyList<ValueCount> MostCommon { get; init; }

    /// <summary>At most one distinct non-missing value (pandas' <c>nunique() &lt;= 1</c>, as Evidently counts them).</summary>
    public bool IsConstant => UniqueCount <= 1;

    /// <summary>The most common value covers at least <see cref="QualityOptions.AlmostConstantShare"/> of non-missing values.</summary>
    public required bool IsAlmostConstant { get; init; }

    public NumericStatistics? Numeric { get; init; }

    /// <summary>Earliest and latest timestamps (ISO 8601, UTC) for datetime columns.</summary>
    public string? First { get; init; }

    public string? Last { get; init; }
}

/// <summary>
/// Numerical statistics over the non-missing values. <see cref="Std"/> is the sample standard deviation (n - 1, as
/// pandas' describe); quantiles use numpy's default "linear" definition: for q, h = (n - 1) q and the result
/// interpolates between the sorted values at floor(h) and floor(h) + 1.
/// </summary>
public sealed record NumericStatistics(double Min, double Max, double Mean, double Std, double P25, double P50, double P75);

/// <summary>Outlier counts in one dataset, using fences computed from the reference.</summary>
public sealed record OutlierCounts(long IqrCount, double IqrShare, long ZScoreCount, double ZScoreShare);

/// <summary>One column seen in both datasets, with comparisons against the reference.</summary>
public sealed record ColumnQuality(string Column, string ColumnType, ColumnSummary Reference, ColumnSummary Current)
{
    public OutlierCounts? ReferenceOutliers { get; init; }

    public OutlierCounts? CurrentOutliers { get; init; }

    /// <summary>Current values below the reference minimum or above its maximum.</summary>
    public long? OutOfRangeCount { get; init; }

    public double? OutOfRangeShare { get; init; }

    /// <summary>Categories present in the current data but never in the reference.</summary>
    public IReadOnlyList<string>? NewCategories { get; init; }

    /// <summary>Rows of the current data holding a category unseen in the reference.</summary>
    public long? NewCategoryRows { get; init; }

    /// <summary>Categories of the reference that no current row holds.</summary>
    public IReadOnlyList<string>? MissingCategories { get; init; }
}

/// <summary>Dataset-level facts of one dataset.</summary>
public sealed record DatasetSummary(
    long Rows,
    int Columns,
    long MissingCells,
    double MissingCellsShare,
    long DuplicatedRows,
    IReadOnlyList<string[]> DuplicatedColumns,
    IReadOnlyList<string> ConstantColumns,
    IReadOnlyList<string> AlmostConstantColumns);

/// <summary>The data quality section: datasets side by side and every column.</summary>
public sealed record DataQualityResult(DatasetSummary Reference, DatasetSummary Current, IReadOnlyList<ColumnQuality> Columns);

/// <summary>Thresholds of the data quality checks, with Evidently's defaults.</summary>
public sealed record QualityOptions
{
    /// <summary>Share of the most common value from which a column is almost constant (Evidently: 0.95).</summary>
    public double AlmostConstantShare { get; init; } = 0.95;

    /// <summary>How many of the most common values to list.</summary>
    public int MostCommonCount { get; init; } = 5;

    /// <summary>IQR outlier fences: Q1 - k IQR and Q3 + k IQR of the reference.</summary>
    public double IqrFactor { get; init; } = 1.5;

    /// <summary>Z-score outliers: |x - reference mean| > k reference standard deviations.</summary>
    public double ZScoreThreshold { get; init; } = 3;
}
