using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Sql;

internal sealed partial class SqlTrackingStore
{
    private readonly MetricIdCache _metricIds = new();

    /// <summary>
    /// One transaction: params (write-once, checked after insert so concurrent writers cannot race past the check),
    /// metric history (duplicates ignored), latest metrics (MLflow's newer-wins rule, applied by the upsert), tags.
    /// </summary>
    public async Task LogBatchAsync(string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags, CancellationToken ct = default)
    {
        TrackingValidator.RunId(runId);
        TrackingValidator.Batch(metrics, parameters, tags);
        if (metrics.Count + parameters.Count + tags.Count == 0)
        {
            await Read(async session => await RequireActiveRunAsync(session, runId).ConfigureAwait(false), ct).ConfigureAwait(false);
            return;
        }

        // Everything that needs no database runs before the write: the SQLite writer is one connection all writes wait for.
        var batch = MetricBatch.Prepare(metrics);
        var known = batch.Count == 0 ? null : _metricIds.TryGet(runId, batch.Keys);
        var knownRows = known is null ? null : batch.RowsInKeyIdOrder(known.Keys);
        var ids = await Write(async session =>
        {
            await RequireActiveRunAsync(session, runId).ConfigureAwait(false);
            await LogParamsAsync(session, runId, parameters).ConfigureAwait(false);
            var resolved = known;
            if (batch.Count > 0)
            {
                resolved ??= await MetricIds.ResolveAsync(session, runId, batch.Keys).ConfigureAwait(false);
                var history = knownRows ?? batch.RowsInKeyIdOrder(resolved.Keys);
                await MetricRowWriter.WriteAsync(session, runId, resolved.Run, history, batch.Latest).ConfigureAwait(false);
            }

            await UpsertRunTagsAsync(session, runId, LastWins(tags)).ConfigureAwait(false);
            return resolved;
        }, ct).ConfigureAwait(false);

        // Committed now, so the ids may outlive the transaction.
        if (ids is not null && !ReferenceEquals(ids, known))
        {
            _metricIds.Remember(runId, ids);
        }
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
}
