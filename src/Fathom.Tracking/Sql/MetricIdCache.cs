using System.Collections.Concurrent;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Committed metric_runs and metric_keys ids, kept per store so a log-batch need not look them up in its write
/// transaction (two queries on the SQLite writer that every write waits for). Only ids from a committed transaction
/// are added (<see cref="Remember"/> runs after the write returned), and neither table ever has a row deleted or
/// renumbered, so an id once seen stays right in every process sharing the database. Bounded: when a table's share
/// fills up it starts over.
/// </summary>
internal sealed class MetricIdCache
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, long> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _keys = new(StringComparer.Ordinal);

    /// <summary>The run's and every key's id if all are known, else null.</summary>
    public MetricIdSet? TryGet(string runUuid, IReadOnlyList<string> keys)
    {
        if (!_runs.TryGetValue(runUuid, out var run))
        {
            return null;
        }

        var ids = new Dictionary<string, long>(keys.Count, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!_keys.TryGetValue(key, out var id))
            {
                return null;
            }

            ids[key] = id;
        }

        return new MetricIdSet(run, ids);
    }

    /// <summary>Keeps ids read or made by a transaction that has committed.</summary>
    public void Remember(string runUuid, MetricIdSet ids)
    {
        Add(_runs, runUuid, ids.Run);
        foreach (var (key, id) in ids.Keys)
        {
            Add(_keys, key, id);
        }
    }

    private static void Add(ConcurrentDictionary<string, long> ids, string name, long id)
    {
        if (ids.Count >= MaxEntries)
        {
            ids.Clear();
        }

        ids.TryAdd(name, id);
    }
}

/// <summary>A run's id in metric_runs and its batch's key ids in metric_keys.</summary>
internal sealed record MetricIdSet(long Run, IReadOnlyDictionary<string, long> Keys);
