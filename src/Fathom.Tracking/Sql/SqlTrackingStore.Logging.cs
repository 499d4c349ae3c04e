using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Sql;

internal sealed partial class SqlTrackingStore
{
    private const string UpsertLatestMetricTail =
        " ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, " +
        "step = excluded.step, is_nan = excluded.is_nan " +
        "WHERE excluded.step > latest_metrics.step " +
        "OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp) " +
        "OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp AND excluded.value > latest_metrics.value)";

    /// <summary>
    /// One transaction: params (write-once, checked after insert so concurrent writers cannot race past the check),
    /// metric history (duplicates ignored), latest metrics (MLflow's newer-wins rule, applied by the upsert), tags.
    /// </summary>
    public Task LogBatchAsync(string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags, CancellationToken ct = default)
    {
        TrackingValidator.RunId(runId);
        TrackingValidator.Batch(metrics, parameters, tags);
        if (metrics.Count + parameters.Count + tags.Count == 0)
        {
            return Read(async session => await RequireActiveRunAsync(session, runId).ConfigureAwait(false), ct);
        }

        var rows = metrics.Select(StoredMetric.From).ToList();
        return Write(async session =>
        {
            await RequireActiveRunAsync(session, runId).ConfigureAwait(false);
            await LogParamsAsync(session, runId, parameters).ConfigureAwait(false);
            if (rows.Count > 0)
            {
                await MultiRowInsert.ExecuteAsync(session,
                    "INSERT INTO metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ", 5, " ON CONFLICT DO NOTHING",
                    runId, rows, static m => m.Values).ConfigureAwait(false);
                await MultiRowInsert.ExecuteAsync(session,
                    "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ", 5, UpsertLatestMetricTail,
                    runId, StoredMetric.LatestPerKey(rows), static m => m.Values).ConfigureAwait(false);
            }

            await UpsertRunTagsAsync(session, runId, LastWins(tags)).ConfigureAwait(false);
        }, ct);
    }

    private static async Task LogParamsAsync(SqlSession session, string runId, IReadOnlyList<Param> parameters)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        var sorted = parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        await MultiRowInsert.ExecuteAsync(session, "INSERT INTO params (key, value, run_uuid) VALUES ", 2, " ON CONFLICT DO NOTHING",
            runId, sorted, static p => [p.Key, p.Value]).ConfigureAwait(false);
        var stored = await session.ListAsync(
            $"SELECT key, value FROM params WHERE run_uuid = @p0 AND {session.InList("key", "@p1")}",
            r => (Key: r.GetString(0), Value: r.GetString(1)), runId, ListValue.Of(sorted.Select(p => p.Key))).ConfigureAwait(false);
        var storedValues = stored.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var changed = parameters.Where(p => storedValues.TryGetValue(p.Key, out var old) && old != p.Value)
            .Select(p => $"{{'key': {PythonFormat.Quote(p.Key)}, 'old_value': {PythonFormat.Quote(storedValues[p.Key])}, 'new_value': {PythonFormat.Quote(p.Value)}}}")
            .ToList();
        if (changed.Count > 0)
        {
            throw FathomException.InvalidParameter(
                $"Changing param values is not allowed. Params were already logged='[{string.Join(", ", changed)}]' for run ID='{runId}'.");
        }
    }

    /// <summary>A metric as stored: NaN becomes value 0 with is_nan set (MLflow's encoding); infinities are kept.</summary>
    private sealed record StoredMetric(string Key, double Value, long Timestamp, long Step, bool IsNan)
    {
        public object?[] Values => [Key, Value, Timestamp, Step, IsNan];

        public static StoredMetric From(Metric m) =>
            double.IsNaN(m.Value) ? new(m.Key, 0, m.Timestamp, m.Step, true) : new(m.Key, m.Value, m.Timestamp, m.Step, false);

        /// <summary>The newest row per key by (step, timestamp, value), in key order so concurrent writers lock alike.</summary>
        public static List<StoredMetric> LatestPerKey(IEnumerable<StoredMetric> rows)
        {
            var latest = new Dictionary<string, StoredMetric>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!latest.TryGetValue(row.Key, out var current) || IsNewer(row, current))
                {
                    latest[row.Key] = row;
                }
            }

            return [.. latest.Values.OrderBy(m => m.Key, StringComparer.Ordinal)];
        }

        private static bool IsNewer(StoredMetric a, StoredMetric b) =>
            a.Step != b.Step ? a.Step > b.Step : a.Timestamp != b.Timestamp ? a.Timestamp > b.Timestamp : a.Value > b.Value;
    }
}
