namespace Fathom.Monitoring.Statistics;

/// <summary>How a drift test sees a column: Evidently's "num" and "cat" feature types.</summary>
public enum ColumnKind
{
    Numerical,
    Categorical,
}
