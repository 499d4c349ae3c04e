using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Sql;

internal sealed partial class SqlTrackingStore
{
    public async Task<string> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<Tag> tags, CancellationToken ct = default)
    {
        TrackingValidator.ExperimentName(name);
        foreach (var tag in tags)
        {
            TrackingValidator.ExperimentTag(tag);
        }

        if (artifactLocation is not null && artifactLocation.StartsWith("runs:", StringComparison.Ordinal))
        {
            throw FathomException.InvalidParameter($"Artifact location cannot be a runs:/ URI. Given: '{artifactLocation}'");
        }

        var now = Now();
        try
        {
            return await Write(async session =>
            {
                var id = Convert.ToString(await session.ScalarAsync(
                    "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) " +
                    "VALUES (@p0, @p1, 'active', @p2, @p2) RETURNING experiment_id",
                    name, string.IsNullOrEmpty(artifactLocation) ? null : artifactLocation, now).ConfigureAwait(false),
                    System.Globalization.CultureInfo.InvariantCulture)!;
                if (string.IsNullOrEmpty(artifactLocation))
                {
                    await session.ExecuteAsync("UPDATE experiments SET artifact_location = @p0 WHERE experiment_id = @p1",
                        ArtifactLocations.ForExperiment(options.DefaultArtifactRoot, id), long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
                }

                foreach (var tag in LastWins(tags))
                {
                    await UpsertExperimentTagAsync(session, long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), tag).ConfigureAwait(false);
                }

                return id;
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (backend.IsUniqueViolation(e))
        {
            throw FathomException.AlreadyExists($"Experiment(name={name}) already exists. Error: UNIQUE constraint failed: experiments.name");
        }
    }

    public Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken ct = default) =>
        Read(async session =>
        {
            var row = await RequireExperimentAsync(session, experimentId).ConfigureAwait(false);
            return row.WithTags(await ExperimentTagsAsync(session, row.Id).ConfigureAwait(false));
        }, ct);

    public Task<Experiment> GetExperimentByNameAsync(string name, CancellationToken ct = default) =>
        Read(async session =>
        {
            var rows = await session.ListAsync($"SELECT {Rows.ExperimentColumns} FROM experiments WHERE name = @p0", Rows.Experiment, name)
                .ConfigureAwait(false);
            if (rows.Count == 0)
            {
                throw FathomException.NotFound($"Could not find experiment with name '{name}'");
            }

            return rows[0].WithTags(await ExperimentTagsAsync(session, rows[0].Id).ConfigureAwait(false));
        }, ct);

    public async Task RenameExperimentAsync(string experimentId, string newName, CancellationToken ct = default)
    {
        TrackingValidator.ExperimentName(newName);
        try
        {
            await Write(async session =>
            {
                var row = await RequireExperimentAsync(session, experimentId).ConfigureAwait(false);
                if (row.LifecycleStage != LifecycleStage.Active)
                {
                    throw new FathomException(ErrorCode.INVALID_STATE, "Cannot rename a non-active experiment.");
                }

                await session.ExecuteAsync("UPDATE experiments SET name = @p0, last_update_time = @p1 WHERE experiment_id = @p2",
                    newName, Now(), ParseExperimentId(row.Id)).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (backend.IsUniqueViolation(e))
        {
            throw FathomException.AlreadyExists($"Experiment(name={newName}) already exists. Error: UNIQUE constraint failed: experiments.name");
        }
    }

    // MLflow's delete and restore carry the experiment's runs along.
    public Task DeleteExperimentAsync(string experimentId, CancellationToken ct = default) =>
        SetExperimentStageAsync(experimentId, LifecycleStage.Active, LifecycleStage.Deleted, ct);

    public Task RestoreExperimentAsync(string experimentId, CancellationToken ct = default) =>
        SetExperimentStageAsync(experimentId, LifecycleStage.Deleted, LifecycleStage.Active, ct);

    public Task SetExperimentTagAsync(string experimentId, Tag tag, CancellationToken ct = default)
    {
        TrackingValidator.ExperimentTag(tag);
        return Write(async session =>
        {
            var row = await RequireActiveExperimentAsync(session, experimentId).ConfigureAwait(false);
            await UpsertExperimentTagAsync(session, ParseExperimentId(row.Id)!.Value, tag).ConfigureAwait(false);
        }, ct);
    }

    public Task DeleteExperimentTagAsync(string experimentId, string key, CancellationToken ct = default) =>
        Write(async session =>
        {
            var row = await RequireActiveExperimentAsync(session, experimentId).ConfigureAwait(false);
            var deleted = await session.ExecuteAsync("DELETE FROM experiment_tags WHERE experiment_id = @p0 AND key = @p1",
                ParseExperimentId(row.Id), key).ConfigureAwait(false);
            if (deleted == 0)
            {
                throw FathomException.NotFound($"No tag with name: {key} in experiment with id {experimentId}");
            }
        }, ct);

    private Task SetExperimentStageAsync(string experimentId, string from, string to, CancellationToken ct) =>
        Write(async session =>
        {
            var id = ParseExperimentId(experimentId);
            var row = await RequireExperimentAsync(session, experimentId).ConfigureAwait(false);
            if (row.LifecycleStage != from)
            {
                throw NoExperiment(experimentId);
            }

            var now = Now();
            await session.ExecuteAsync("UPDATE experiments SET lifecycle_stage = @p0, last_update_time = @p1 WHERE experiment_id = @p2",
                to, now, id).ConfigureAwait(false);
            await session.ExecuteAsync("UPDATE runs SET lifecycle_stage = @p0, deleted_time = @p1 WHERE experiment_id = @p2",
                to, to == LifecycleStage.Deleted ? now : null, id).ConfigureAwait(false);
        }, ct);

    private static async Task<ExperimentRow> RequireExperimentAsync(SqlSession session, string experimentId)
    {
        var id = ParseExperimentId(experimentId) ?? throw NoExperiment(experimentId);
        var rows = await session.ListAsync($"SELECT {Rows.ExperimentColumns} FROM experiments WHERE experiment_id = @p0", Rows.Experiment, id)
            .ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : throw NoExperiment(experimentId);
    }

    private static async Task<ExperimentRow> RequireActiveExperimentAsync(SqlSession session, string experimentId)
    {
        var row = await RequireExperimentAsync(session, experimentId).ConfigureAwait(false);
        if (row.LifecycleStage != LifecycleStage.Active)
        {
            throw FathomException.InvalidParameter(
                $"The experiment {row.Id} must be in the 'active' state. Current state is {row.LifecycleStage}.");
        }

        return row;
    }

    private static FathomException NoExperiment(string experimentId) =>
        FathomException.NotFound($"No Experiment with id={(string.IsNullOrEmpty(experimentId) ? DefaultExperimentId : experimentId)} exists");

    private static async Task<IReadOnlyList<Tag>> ExperimentTagsAsync(SqlSession session, string experimentId) =>
        await session.ListAsync("SELECT key, value FROM experiment_tags WHERE experiment_id = @p0 ORDER BY key",
            r => new Tag(r.GetString(0), Rows.String(r, 1) ?? ""), ParseExperimentId(experimentId)).ConfigureAwait(false);

    private static Task UpsertExperimentTagAsync(SqlSession session, long experimentId, Tag tag) =>
        session.ExecuteAsync(
            "INSERT INTO experiment_tags (key, value, experiment_id) VALUES (@p0, @p1, @p2) " +
            "ON CONFLICT (key, experiment_id) DO UPDATE SET value = excluded.value",
            tag.Key, tag.Value, experimentId);

    /// <summary>Several tags with one key in one request: the last one wins, as in MLflow's set_tags.</summary>
    private static List<Tag> LastWins(IReadOnlyList<Tag> tags)
    {
        var byKey = new Dictionary<string, Tag>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            byKey[tag.Key] = tag;
        }

        return [.. byKey.Values.OrderBy(t => t.Key, StringComparer.Ordinal)];
    }
}
