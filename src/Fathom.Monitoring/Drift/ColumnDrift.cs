namespace Fathom.Monitoring.Drift;

/// <summary>
/// The drift of one column. <see cref="DriftScore"/> is the p-value for p-value tests and the distance otherwise, as
/// Evidently reports it; it is NaN (JSON null) when a dataset has no value in this column, with <see cref="Note"/> saying so.
/// </summary>
public sealed record ColumnDrift(
    string Column,
    string ColumnType,
    string Test,
    double Statistic,
    double DriftScore,
    double Threshold,
    bool Drifted,
    Distribution Distribution)
{
    public string? Note { get; init; }
}

/// <summary>The data drift section: every feature, and Evidently's dataset-level rule.</summary>
public sealed record DataDriftResult(
    IReadOnlyList<ColumnDrift> Columns,
    int NumberOfDriftedColumns,
    double ShareOfDriftedColumns,
    bool DatasetDrift,
    double DriftShare);

/// <summary>
/// What a report draws for a column: shared bins with reference and current counts. Numerical: <see cref="Edges"/>
/// has one more entry than the counts. Categorical: <see cref="Labels"/> names each bar.
/// </summary>
public sealed record Distribution(IReadOnlyList<double>? Edges, IReadOnlyList<string>? Labels, long[] ReferenceCounts, long[] CurrentCounts);
