using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Sql;

/// <summary>A metric as stored: NaN becomes value 0 with is_nan set (MLflow's encoding); infinities are kept.</summary>
internal readonly record struct StoredMetric(string Key, double Value, long Timestamp, long Step, bool IsNan)
{
    public static StoredMetric From(Metric m) =>
        double.IsNaN(m.Value) ? new(m.Key, 0, m.Timestamp, m.Step, true) : new(m.Key, m.Value, m.Timestamp, m.Step, false);

    /// <summary>MLflow's latest-metric rule: the larger step, then the later timestamp, then the larger value.</summary>
    public static bool IsNewer(StoredMetric a, StoredMetric b) =>
        a.Step != b.Step ? a.Step > b.Step : a.Timestamp != b.Timestamp ? a.Timestamp > b.Timestamp : a.Value > b.Value;
}
