using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Loads whole runs for a page of ids with one query per table (runs, tags, params, latest metrics, inputs,
/// input tags), never one per run, and returns them in the order of the ids given.
/// </summary>
internal static class RunLoader
{
    public static async Task<List<Run>> LoadAsync(SqlSession session, IReadOnlyList<string> runIds)
    {
        if (runIds.Count == 0)
        {
            return [];
        }

        var infos = await session.ListAsync($"SELECT {Rows.RunColumns} FROM runs WHERE {session.InList("runs.run_uuid", "@p0")}",
            Rows.RunInfo, ListValue.Of(runIds)).ConfigureAwait(false);
        var byId = infos.ToDictionary(i => i.RunId, StringComparer.Ordinal);
        return await LoadAsync(session, [.. runIds.Where(byId.ContainsKey).Select(id => byId[id])]).ConfigureAwait(false);
    }

    /// <summary>Completes runs whose own row is already read (a search page) with their tags, params, metrics and inputs.</summary>
    public static async Task<List<Run>> LoadAsync(SqlSession session, IReadOnlyList<RunInfo> infos)
    {
        if (infos.Count == 0)
        {
            return [];
        }

        var ids = ListValue.Of(infos.Select(i => i.RunId));
        var tags = await KeyValuesAsync(session, "tags", ids).ConfigureAwait(false);
        var parameters = await KeyValuesAsync(session, "params", ids).ConfigureAwait(false);
        var metrics = (await session.ListAsync(
                $"SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics WHERE {session.InList("run_uuid", "@p0")} ORDER BY key",
                r => (RunId: r.GetString(0), Metric: Rows.Metric(r, 1)), ids).ConfigureAwait(false))
            .ToLookup(m => m.RunId, m => m.Metric);
        var inputs = await InputsAsync(session, ids).ConfigureAwait(false);

        return
        [
            .. infos.Select(info => new Run(
                info,
                new RunData(
                    [.. metrics[info.RunId]],
                    [.. parameters[info.RunId].Select(kv => new Param(kv.Key, kv.Value))],
                    [.. tags[info.RunId].Select(kv => new Tag(kv.Key, kv.Value))]),
                new RunInputs([.. inputs[info.RunId]]))),
        ];
    }

    private static async Task<ILookup<string, KeyValuePair<string, string>>> KeyValuesAsync(SqlSession session, string table, ListValue ids) =>
        (await session.ListAsync(
            $"SELECT run_uuid, key, value FROM {table} WHERE {session.InList("run_uuid", "@p0")} ORDER BY key",
            r => (RunId: r.GetString(0), Pair: new KeyValuePair<string, string>(r.GetString(1), Rows.String(r, 2) ?? "")), ids).ConfigureAwait(false))
        .ToLookup(x => x.RunId, x => x.Pair);

    private static async Task<ILookup<string, DatasetInput>> InputsAsync(SqlSession session, ListValue ids)
    {
        var edges = await session.ListAsync(
            "SELECT inputs.destination_id, inputs.input_uuid, datasets.name, datasets.digest, datasets.dataset_source_type, " +
            "datasets.dataset_source, datasets.dataset_schema, datasets.dataset_profile " +
            "FROM inputs JOIN datasets ON datasets.dataset_uuid = inputs.source_id " +
            $"WHERE inputs.destination_type = 'RUN' AND inputs.source_type = 'DATASET' AND {session.InList("inputs.destination_id", "@p0")} " +
            "ORDER BY inputs.destination_id, datasets.name, datasets.digest",
            r => (RunId: r.GetString(0), InputUuid: r.GetString(1),
                Dataset: new Dataset(r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Rows.String(r, 6), Rows.String(r, 7))),
            ids).ConfigureAwait(false);
        if (edges.Count == 0)
        {
            return Array.Empty<DatasetInput>().ToLookup(_ => "");
        }

        var inputTags = (await session.ListAsync(
                $"SELECT input_uuid, name, value FROM input_tags WHERE {session.InList("input_uuid", "@p0")} ORDER BY name",
                r => (InputUuid: r.GetString(0), Tag: new Tag(r.GetString(1), r.GetString(2))),
                ListValue.Of(edges.Select(e => e.InputUuid))).ConfigureAwait(false))
            .ToLookup(t => t.InputUuid, t => t.Tag);
        return edges.ToLookup(e => e.RunId, e => new DatasetInput([.. inputTags[e.InputUuid]], e.Dataset));
    }
}
