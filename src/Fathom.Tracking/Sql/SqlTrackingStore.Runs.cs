using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Sql;

internal sealed partial class SqlTrackingStore
{
    private const string RunNameTag = "mlflow.runName";

    public async Task<Run> CreateRunAsync(NewRun run, CancellationToken ct = default)
    {
        var tags = run.Tags.ToList();
        foreach (var tag in tags)
        {
            TrackingValidator.RunTag(tag);
        }

        var nameTag = tags.LastOrDefault(t => t.Key == RunNameTag)?.Value;
        if (!string.IsNullOrEmpty(run.RunName) && !string.IsNullOrEmpty(nameTag) && run.RunName != nameTag)
        {
            throw FathomException.InvalidParameter(
                "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values " +
                $"(run_name='{run.RunName}', mlflow.runName='{nameTag}').");
        }

        var runName = !string.IsNullOrEmpty(run.RunName) ? run.RunName : !string.IsNullOrEmpty(nameTag) ? nameTag : RunNames.Generate();
        if (string.IsNullOrEmpty(nameTag))
        {
            tags.Add(new Tag(RunNameTag, runName));
        }

        var runId = Guid.NewGuid().ToString("N");
        var startTime = run.StartTime ?? Now();
        var info = await Write(async session =>
        {
            var experiment = await RequireActiveExperimentAsync(session, run.ExperimentId).ConfigureAwait(false);
            var info = new RunInfo(runId, runName, experiment.Id, run.UserId ?? "", RunStatus.RUNNING, startTime, null,
                ArtifactLocations.ForRun(experiment.ArtifactLocation, runId), LifecycleStage.Active);
            await session.ExecuteAsync(
                "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, " +
                "end_time, deleted_time, source_version, lifecycle_stage, artifact_uri, experiment_id) " +
                "VALUES (@p0, @p1, 'UNKNOWN', '', '', @p2, 'RUNNING', @p3, NULL, NULL, '', 'active', @p4, @p5)",
                runId, runName, info.UserId, startTime, info.ArtifactUri, ParseExperimentId(experiment.Id)).ConfigureAwait(false);
            await UpsertRunTagsAsync(session, runId, LastWins(tags)).ConfigureAwait(false);
            return info;
        }, ct).ConfigureAwait(false);
        return new Run(info, new RunData([], [], LastWins(tags)), RunInputs.Empty);
    }

    public Task<Run> GetRunAsync(string runId, CancellationToken ct = default) =>
        Read(async session =>
        {
            var runs = await RunLoader.LoadAsync(session, [runId]).ConfigureAwait(false);
            return runs.Count == 1 ? runs[0] : throw NoRun(runId);
        }, ct);

    public Task<RunInfo> UpdateRunInfoAsync(string runId, RunStatus? status, long? endTime, string? runName, CancellationToken ct = default) =>
        Write(async session =>
        {
            await RequireActiveRunAsync(session, runId).ConfigureAwait(false);
            await session.ExecuteAsync(
                "UPDATE runs SET status = COALESCE(@p0, status), end_time = COALESCE(@p1, end_time) WHERE run_uuid = @p2",
                status?.ToString(), endTime, runId).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(runName))
            {
                await RenameRunAsync(session, runId, runName).ConfigureAwait(false);
            }

            var infos = await session.ListAsync($"SELECT {Rows.RunColumns} FROM runs WHERE run_uuid = @p0", Rows.RunInfo, runId)
                .ConfigureAwait(false);
            return infos[0];
        }, ct);

    public Task DeleteRunAsync(string runId, CancellationToken ct = default) =>
        Write(async session =>
        {
            await RequireRunAsync(session, runId).ConfigureAwait(false);
            await session.ExecuteAsync("UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = @p0 WHERE run_uuid = @p1", Now(), runId)
                .ConfigureAwait(false);
        }, ct);

    public Task RestoreRunAsync(string runId, CancellationToken ct = default) =>
        Write(async session =>
        {
            await RequireRunAsync(session, runId).ConfigureAwait(false);
            await session.ExecuteAsync("UPDATE runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE run_uuid = @p0", runId)
                .ConfigureAwait(false);
        }, ct);

    public Task SetTagAsync(string runId, Tag tag, CancellationToken ct = default)
    {
        TrackingValidator.RunTag(tag);
        return Write(async session =>
        {
            await RequireActiveRunAsync(session, runId).ConfigureAwait(false);
            await UpsertRunTagsAsync(session, runId, [tag]).ConfigureAwait(false);
        }, ct);
    }

    public Task DeleteTagAsync(string runId, string key, CancellationToken ct = default) =>
        Write(async session =>
        {
            await RequireActiveRunAsync(session, runId).ConfigureAwait(false);
            var deleted = await session.ExecuteAsync("DELETE FROM tags WHERE run_uuid = @p0 AND key = @p1", runId, key).ConfigureAwait(false);
            if (deleted == 0)
            {
                throw FathomException.NotFound($"No tag with name: {key} in run with id {runId}");
            }
        }, ct);

    /// <summary>Tags are upserted; the run-name tag also renames the run, as MLflow keeps both in step.</summary>
    private static async Task UpsertRunTagsAsync(SqlSession session, string runId, IReadOnlyList<Tag> tags)
    {
        if (tags.Count == 0)
        {
            return;
        }

        await MultiRowInsert.ExecuteAsync(session,
            "INSERT INTO tags (key, value, run_uuid) VALUES ", 2,
            " ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value",
            runId, tags, static t => [t.Key, t.Value]).ConfigureAwait(false);
        var nameTag = tags.LastOrDefault(t => t.Key == RunNameTag);
        if (nameTag is not null)
        {
            await session.ExecuteAsync("UPDATE runs SET name = @p0 WHERE run_uuid = @p1", nameTag.Value, runId).ConfigureAwait(false);
        }
    }

    private static Task RenameRunAsync(SqlSession session, string runId, string runName) =>
        UpsertRunTagsAsync(session, runId, [new Tag(RunNameTag, runName)]);

    /// <summary>Returns the run's (lifecycle stage, experiment id), or MLflow's "not found".</summary>
    private static async Task<(string Stage, long ExperimentId)> RequireRunAsync(SqlSession session, string runId)
    {
        var rows = await session.ListAsync("SELECT lifecycle_stage, experiment_id FROM runs WHERE run_uuid = @p0",
            r => (Rows.String(r, 0) ?? LifecycleStage.Active, Rows.Long(r, 1)), runId).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : throw NoRun(runId);
    }

    private static async Task<long> RequireActiveRunAsync(SqlSession session, string runId)
    {
        var (stage, experimentId) = await RequireRunAsync(session, runId).ConfigureAwait(false);
        if (stage != LifecycleStage.Active)
        {
            throw FathomException.InvalidParameter($"The run {runId} must be in the 'active' state. Current state is {stage}.");
        }

        return experimentId;
    }

    private static FathomException NoRun(string runId) => FathomException.NotFound($"Run with id={runId} not found");
}
