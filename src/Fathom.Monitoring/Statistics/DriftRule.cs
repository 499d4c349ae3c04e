namespace Fathom.Monitoring.Statistics;

/// <summary>
/// When a drift score means drift. Evidently is not uniform: ks and cramer_von_mises use <c>p &lt;= threshold</c>,
/// the other p-value tests <c>p &lt; threshold</c>; distances use <c>&gt;= threshold</c> except ed (<c>&gt;</c>).
/// Each test carries Evidently's own rule so Fathom flags exactly the same columns.
/// </summary>
public enum DriftRule
{
    PValueBelow,
    PValueAtOrBelow,
    DistanceAtOrAbove,
    DistanceAbove,
}
