namespace Fathom.Monitoring.Statistics;

/// <summary>Evidently's dataset-level rule: the dataset drifted when the share of drifted columns reaches the share.</summary>
public static class DatasetDrift
{
    public const double DefaultDriftShare = 0.5;

    public static double Share(int driftedColumns, int totalColumns) =>
        totalColumns == 0 ? 0.0 : (double)driftedColumns / totalColumns;

    /// <summary><c>drifted / total &gt;= driftShare</c>; a dataset without columns never drifts.</summary>
    public static bool IsDrifted(int driftedColumns, int totalColumns, double driftShare = DefaultDriftShare) =>
        totalColumns > 0 && Share(driftedColumns, totalColumns) >= driftShare;
}
