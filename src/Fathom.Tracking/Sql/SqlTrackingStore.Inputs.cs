using Fathom.Tracking.Entities;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Sql;

internal sealed partial class SqlTrackingStore
{
    /// <summary>
    /// MLflow's log_inputs: a dataset is stored once per experiment by (name, digest); a run gets one input edge
    /// per dataset (repeats are ignored, keeping the first one's tags).
    /// </summary>
    public Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> datasets, CancellationToken ct = default)
    {
        TrackingValidator.RunId(runId);
        TrackingValidator.DatasetInputs(datasets);
        var unique = datasets.DistinctBy(d => (d.Dataset.Name, d.Dataset.Digest)).ToList();
        return Write(async session =>
        {
            var experimentId = await RequireActiveRunAsync(session, runId).ConfigureAwait(false);
            foreach (var input in unique)
            {
                var datasetUuid = await EnsureDatasetAsync(session, experimentId, input.Dataset).ConfigureAwait(false);
                var inputUuid = Guid.NewGuid().ToString("N");
                var inserted = await session.ExecuteAsync(
                    "INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id) " +
                    "VALUES (@p0, 'DATASET', @p1, 'RUN', @p2) ON CONFLICT DO NOTHING",
                    inputUuid, datasetUuid, runId).ConfigureAwait(false);
                if (inserted == 0)
                {
                    continue;
                }

                foreach (var tag in input.Tags ?? [])
                {
                    await session.ExecuteAsync(
                        "INSERT INTO input_tags (input_uuid, name, value) VALUES (@p0, @p1, @p2) ON CONFLICT (input_uuid, name) DO UPDATE SET value = excluded.value",
                        inputUuid, tag.Key, tag.Value).ConfigureAwait(false);
                }
            }
        }, ct);
    }

    private static async Task<string> EnsureDatasetAsync(SqlSession session, long experimentId, Dataset dataset)
    {
        await session.ExecuteAsync(
            "INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile) " +
            "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7) ON CONFLICT DO NOTHING",
            Guid.NewGuid().ToString("N"), experimentId, dataset.Name, dataset.Digest, dataset.SourceType, dataset.Source,
            dataset.Schema, dataset.Profile).ConfigureAwait(false);
        var uuid = await session.ScalarAsync(
            "SELECT dataset_uuid FROM datasets WHERE experiment_id = @p0 AND name = @p1 AND digest = @p2",
            experimentId, dataset.Name, dataset.Digest).ConfigureAwait(false);
        return (string)uuid!;
    }
}
