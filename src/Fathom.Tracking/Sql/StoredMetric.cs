using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Sql;

/// <summary>A metric as stored: NaN becomes value 0 with is_nan set (MLflow's encoding); infinities are kept.</summary>
internal readonly record struct StoredMetric(string Key, double Value, long Timestamp, long Step, bool IsNan)
{
    public static StoredMetric From(Metric m) =>
        double.IsNaN(m.Value) ? new(m.Key, 0, m.Timestamp, m.Step, true) : new(m.Key, m.Value, m.Timestamp, m.Step, false);

    /// <summary>The newest row per key by (step, timestamp, value), in key order so concurrent writers lock alike.</summary>
    public static List<StoredMetric> LatestPerKey(IReadOnlyList<StoredMetric> rows)
    {
        var latest = new Dictionary<string, StoredMetric>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!latest.TryGetValue(row.Key, out var current) || IsNewer(row, current))
            {
                latest[row.Key] = row;
            }
        }

        var result = latest.Values.ToList();
        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    private static bool IsNewer(StoredMetric a, StoredMetric b) =>
        a.Step != b.Step ? a.Step > b.Step : a.Timestamp != b.Timestamp ? a.Timestamp > b.Timestamp : a.Value > b.Value;
}
