using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Entities.Registry;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Sql;

// The model registry: model versions, their stages and tags.
internal sealed partial class SqlTrackingStore
{
    public async Task<ModelVersion> CreateModelVersionAsync(NewModelVersion version, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(version.Name);
        var tags = version.Tags ?? [];
        foreach (var tag in tags)
        {
            RegistryValidator.ModelVersionTag(tag);
        }

        // A models:/ source is registered as is, but downloads come from the location it names.
        var storageLocation = ModelSourceUri.IsModelsUri(version.Source)
            ? await ResolveModelsSourceAsync(version.Source, ct).ConfigureAwait(false)
            : version.Source;
        var now = Now();
        return await Write(async session =>
        {
            await RequireModelAsync(session, version.Name).ConfigureAwait(false);

            // Touching the model first takes its row lock on PostgreSQL, so concurrent creators number one after another.
            await session.ExecuteAsync("UPDATE registered_models SET last_updated_time = @p0 WHERE name = @p1", now, version.Name)
                .ConfigureAwait(false);
            var number = Convert.ToInt32(await session.ScalarAsync(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE name = @p0", version.Name).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture);
            await session.ExecuteAsync(
                "INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, " +
                "source, run_id, run_link, status, status_message, storage_location) " +
                "VALUES (@p0, @p1, @p2, @p2, @p3, NULL, @p4, @p5, @p6, @p7, 'READY', NULL, @p8)",
                version.Name, number, now, version.Description, ModelStages.None, version.Source, version.RunId, version.RunLink,
                storageLocation).ConfigureAwait(false);
            foreach (var tag in LastWins(tags))
            {
                await UpsertVersionTagAsync(session, version.Name, number, tag).ConfigureAwait(false);
            }

            return await LoadVersionAsync(session, version.Name, number.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    public Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken ct = default) =>
        Read(session => LoadVersionAsync(session, name, version), ct);

    public Task<ModelVersion> UpdateModelVersionAsync(string name, string version, string? description, CancellationToken ct = default) =>
        Write(async session =>
        {
            var current = await RequireVersionAsync(session, name, version).ConfigureAwait(false);
            await session.ExecuteAsync(
                "UPDATE model_versions SET description = @p0, last_updated_time = @p1 WHERE name = @p2 AND version = @p3",
                description, Now(), current.Name, current.Version).ConfigureAwait(false);
            return await LoadVersionAsync(session, name, version).ConfigureAwait(false);
        }, ct);

    public Task<ModelVersion> TransitionModelVersionStageAsync(
        string name, string version, string stage, bool archiveExistingVersions, CancellationToken ct = default)
    {
        var canonical = ModelStages.Canonical(stage);
        if (archiveExistingVersions && !ModelStages.Active.Contains(canonical))
        {
            // MLflow raises this without an error code, which makes it a 500; it is the caller's mistake, so 400 here.
            throw FathomException.InvalidParameter(
                $"Model version transition cannot archive existing model versions because '{stage}' is not an Active stage. " +
                "Valid stages are ['Staging', 'Production']");
        }

        return Write(async session =>
        {
            var current = await RequireVersionAsync(session, name, version).ConfigureAwait(false);
            var now = Now();
            if (archiveExistingVersions)
            {
                await session.ExecuteAsync(
                    "UPDATE model_versions SET current_stage = @p0, last_updated_time = @p1 " +
                    "WHERE name = @p2 AND version <> @p3 AND current_stage = @p4",
                    ModelStages.Archived, now, current.Name, current.Version, canonical).ConfigureAwait(false);
            }

            await session.ExecuteAsync(
                "UPDATE model_versions SET current_stage = @p0, last_updated_time = @p1 WHERE name = @p2 AND version = @p3",
                canonical, now, current.Name, current.Version).ConfigureAwait(false);
            await session.ExecuteAsync("UPDATE registered_models SET last_updated_time = @p0 WHERE name = @p1", now, current.Name)
                .ConfigureAwait(false);
            return await LoadVersionAsync(session, name, version).ConfigureAwait(false);
        }, ct);
    }

    // As MLflow: the row stays (so its number is never reused) with its lineage redacted; its tags stay too.
    public Task DeleteModelVersionAsync(string name, string version, CancellationToken ct = default) =>
        Write(async session =>
        {
            var current = await RequireVersionAsync(session, name, version).ConfigureAwait(false);
            var now = Now();
            await session.ExecuteAsync("UPDATE registered_models SET last_updated_time = @p0 WHERE name = @p1", now, current.Name)
                .ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM registered_model_aliases WHERE name = @p0 AND version = @p1", current.Name, current.Version)
                .ConfigureAwait(false);
            await session.ExecuteAsync(
                "UPDATE model_versions SET current_stage = @p0, last_updated_time = @p1, description = NULL, user_id = NULL, " +
                "source = 'REDACTED-SOURCE-PATH', run_id = 'REDACTED-RUN-ID', run_link = 'REDACTED-RUN-LINK', status_message = NULL " +
                "WHERE name = @p2 AND version = @p3",
                ModelStages.DeletedInternal, now, current.Name, current.Version).ConfigureAwait(false);
        }, ct);

    public Task<string> GetModelVersionDownloadUriAsync(string name, string version, CancellationToken ct = default) =>
        Read(async session =>
        {
            var current = await RequireVersionAsync(session, name, version).ConfigureAwait(false);
            var location = await session.ScalarAsync(
                "SELECT COALESCE(storage_location, source) FROM model_versions WHERE name = @p0 AND version = @p1",
                current.Name, current.Version).ConfigureAwait(false);
            return location as string ?? "";
        }, ct);

    public Task SetModelVersionTagAsync(string name, string version, Tag tag, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(name);
        RegistryValidator.Version(version);
        RegistryValidator.ModelVersionTag(tag);
        return Write(async session =>
        {
            var current = await RequireVersionAsync(session, name, version).ConfigureAwait(false);
            await UpsertVersionTagAsync(session, current.Name, current.Version, tag).ConfigureAwait(false);
        }, ct);
    }

    public Task DeleteModelVersionTagAsync(string name, string version, string key, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(name);
        RegistryValidator.Version(version);
        RegistryValidator.TagName(key);
        return Write(async session =>
        {
            var current = await RequireVersionAsync(session, name, version).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM model_version_tags WHERE name = @p0 AND version = @p1 AND key = @p2",
                current.Name, current.Version, key).ConfigureAwait(false);
        }, ct);
    }

    public Task<IReadOnlyList<ModelVersion>> GetModelVersionsForRunAsync(string runId, CancellationToken ct = default) =>
        Read<IReadOnlyList<ModelVersion>>(async session =>
        {
            var versions = await session.ListAsync(
                $"SELECT {RegistryRows.VersionColumns} FROM model_versions WHERE run_id = @p0 AND current_stage <> @p1 " +
                "ORDER BY creation_time, name, version",
                RegistryRows.Version, runId, ModelStages.DeletedInternal).ConfigureAwait(false);
            return await RegistryLoader.WithAliasesAsync(session, await RegistryLoader.WithTagsAsync(session, versions).ConfigureAwait(false))
                .ConfigureAwait(false);
        }, ct);

    /// <summary>A version that is not deleted, without tags or aliases; validates the name and version first.</summary>
    private static async Task<ModelVersion> RequireVersionAsync(SqlSession session, string name, string version)
    {
        RegistryValidator.ModelName(name);
        var number = RegistryValidator.Version(version);
        var rows = number is null
            ? []
            : await session.ListAsync(
                $"SELECT {RegistryRows.VersionColumns} FROM model_versions WHERE name = @p0 AND version = @p1 AND current_stage <> @p2",
                RegistryRows.Version, name, number.Value, ModelStages.DeletedInternal).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : throw FathomException.NotFound($"Model Version (name={name}, version={version}) not found");
    }

    private static async Task<ModelVersion> LoadVersionAsync(SqlSession session, string name, string version)
    {
        List<ModelVersion> found = [await RequireVersionAsync(session, name, version).ConfigureAwait(false)];
        return (await RegistryLoader.WithAliasesAsync(session, await RegistryLoader.WithTagsAsync(session, found).ConfigureAwait(false))
            .ConfigureAwait(false))[0];
    }

    private static Task UpsertVersionTagAsync(SqlSession session, string name, int version, Tag tag) =>
        session.ExecuteAsync(
            "INSERT INTO model_version_tags (key, value, name, version) VALUES (@p0, @p1, @p2, @p3) " +
            "ON CONFLICT (key, name, version) DO UPDATE SET value = excluded.value",
            tag.Key, tag.Value, name, version);

    private async Task<string> ResolveModelsSourceAsync(string source, CancellationToken ct)
    {
        try
        {
            var (name, version) = ModelSourceUri.Parse(source);
            return await GetModelVersionDownloadUriAsync(name, version, ct).ConfigureAwait(false);
        }
        catch (FathomException e)
        {
            throw FathomException.InvalidParameter(
                $"Unable to fetch model from model URI source artifact location '{source}'.Error: {e.Message}");
        }
    }
}
