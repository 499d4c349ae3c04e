using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Sql;

/// <summary>
/// A log-batch's metrics made ready for the write transaction before it starts: NaN encoded, rows grouped by key and
/// sorted within each key, the newest row per key picked. The SQLite writer is one connection that every write waits
/// for, so all of this runs on the caller's thread; inside the transaction only the key ids are left to apply
/// (<see cref="RowsInKeyIdOrder"/>: a copy of each key's rows, keys in id order).
/// </summary>
internal sealed class MetricBatch
{
    private readonly int[] _starts;
    private readonly HistoryRow[] _rows;

    private MetricBatch(string[] keys, int[] starts, HistoryRow[] rows, List<StoredMetric> latest)
    {
        Keys = keys;
        _starts = starts;
        _rows = rows;
        Latest = latest;
    }

    /// <summary>The distinct keys in ordinal order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The newest row per key by (step, timestamp, value), in key order so concurrent writers lock alike.</summary>
    public List<StoredMetric> Latest { get; }

    public int Count => _rows.Length;

    public static MetricBatch Prepare(IReadOnlyList<Metric> metrics)
    {
        // Slots in first-seen order; a training batch repeats a few keys, so this is one dictionary probe per row.
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new List<string>();
        var latest = new List<StoredMetric>();
        var stored = new StoredMetric[metrics.Count];
        var slotOf = new int[metrics.Count];
        var counts = new List<int>();
        for (var i = 0; i < metrics.Count; i++)
        {
            var row = stored[i] = StoredMetric.From(metrics[i]);
            if (!slots.TryGetValue(row.Key, out var slot))
            {
                slot = seen.Count;
                slots.Add(row.Key, slot);
                seen.Add(row.Key);
                latest.Add(row);
                counts.Add(0);
            }
            else if (StoredMetric.IsNewer(row, latest[slot]))
            {
                latest[slot] = row;
            }

            slotOf[i] = slot;
            counts[slot]++;
        }

        // Slots in key order, each key's rows one contiguous, sorted range.
        var order = Enumerable.Range(0, seen.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(seen[a], seen[b]));
        var rank = new int[order.Length];
        var starts = new int[order.Length + 1];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
            starts[r + 1] = starts[r] + counts[order[r]];
        }

        var rows = new HistoryRow[metrics.Count];
        var next = starts[..^1];
        for (var i = 0; i < metrics.Count; i++)
        {
            var row = stored[i];
            rows[next[rank[slotOf[i]]]++] = new HistoryRow(0, row.Step, row.Timestamp, row.Value, row.IsNan);
        }

        for (var r = 0; r < order.Length; r++)
        {
            HistoryRow.SortIfNeeded(rows.AsSpan(starts[r], starts[r + 1] - starts[r]));
        }

        var keys = order.Select(s => seen[s]).ToArray();
        var latestInKeyOrder = order.Select(s => latest[s]).ToList();
        return new MetricBatch(keys, starts, rows, latestInKeyOrder);
    }

    /// <summary>
    /// The history rows in primary-key order under the given key ids: keys by id (each key's rows are sorted already),
    /// so a batch touches each b-tree page once and a training loop's steps land at the end of each key's range.
    /// </summary>
    public HistoryRow[] RowsInKeyIdOrder(IReadOnlyDictionary<string, long> keyIds)
    {
        var byId = new (long Id, int Key)[Keys.Count];
        for (var k = 0; k < byId.Length; k++)
        {
            byId[k] = (keyIds[Keys[k]], k);
        }

        Array.Sort(byId);
        var result = new HistoryRow[_rows.Length];
        var at = 0;
        foreach (var (id, k) in byId)
        {
            for (var i = _starts[k]; i < _starts[k + 1]; i++)
            {
                result[at++] = _rows[i] with { KeyId = id };
            }
        }

        return result;
    }
}
