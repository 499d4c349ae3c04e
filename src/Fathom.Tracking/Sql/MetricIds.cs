namespace Fathom.Tracking.Sql;

/// <summary>
/// The small integers metric history is keyed by: a run's id in metric_runs (made on its first metric) and each
/// metric key's id in metric_keys (interned once per store). Looked up inside the write transaction unless
/// <see cref="MetricIdCache"/> holds them from an earlier, committed batch: an id created by a transaction that later
/// rolls back must not outlive it.
/// </summary>
internal static class MetricIds
{
    public static async Task<MetricIdSet> ResolveAsync(SqlSession session, string runUuid, IReadOnlyList<string> keys)
    {
        var run = await RunAsync(session, runUuid).ConfigureAwait(false);
        return new MetricIdSet(run, await KeysAsync(session, keys).ConfigureAwait(false));
    }

    private const string SelectRun = "SELECT id FROM metric_runs WHERE run_uuid = @p0";

    public static async Task<long> RunAsync(SqlSession session, string runUuid)
    {
        var id = await session.ScalarAsync(SelectRun, runUuid).ConfigureAwait(false);
        if (id is null)
        {
            await session.ExecuteAsync("INSERT INTO metric_runs (run_uuid) VALUES (@p0) ON CONFLICT DO NOTHING", runUuid).ConfigureAwait(false);
            id = await session.ScalarAsync(SelectRun, runUuid).ConfigureAwait(false);
        }

        return Convert.ToInt64(id);
    }

    /// <summary>The id of every key in <paramref name="keys"/> (distinct, in ordinal order), interning the new ones.</summary>
    public static async Task<Dictionary<string, long>> KeysAsync(SqlSession session, IReadOnlyList<string> keys)
    {
        var list = ListValue.Of(keys);
        var ids = await ReadAsync(session, list).ConfigureAwait(false);
        if (ids.Count == keys.Count)
        {
            return ids;
        }

        // The NOT EXISTS keeps PostgreSQL from drawing (and wasting) an identity value for every key already there.
        var source = session.Dialect == Stores.SqlDialect.Sqlite ? "SELECT value AS k FROM json_each(@p0)" : "SELECT unnest(@p0::text[]) AS k";
        await session.ExecuteAsync(
            $"INSERT INTO metric_keys (key) SELECT n.k FROM ({source}) n " +
            "WHERE NOT EXISTS (SELECT 1 FROM metric_keys m WHERE m.key = n.k) ON CONFLICT DO NOTHING", list).ConfigureAwait(false);
        return await ReadAsync(session, list).ConfigureAwait(false);
    }

    private static async Task<Dictionary<string, long>> ReadAsync(SqlSession session, ListValue keys)
    {
        var rows = await session.ListAsync($"SELECT key, id FROM metric_keys WHERE {session.InList("key", "@p0")}",
            r => (Key: r.GetString(0), Id: Convert.ToInt64(r.GetValue(1))), keys).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => r.Id, StringComparer.Ordinal);
    }
}
