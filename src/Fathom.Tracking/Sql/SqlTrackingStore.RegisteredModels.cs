using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Entities.Registry;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Sql;

// The model registry (MLflow's model registry SqlAlchemyStore): registered models and their tags.
internal sealed partial class SqlTrackingStore : Stores.IModelRegistryStore
{
    public async Task<RegisteredModel> CreateRegisteredModelAsync(string name, IReadOnlyList<Tag> tags, string? description, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(name);
        foreach (var tag in tags)
        {
            RegistryValidator.RegisteredModelTag(tag);
        }

        var now = Now();
        try
        {
            return await Write(async session =>
            {
                await session.ExecuteAsync(
                    "INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (@p0, @p1, @p1, @p2)",
                    name, now, description).ConfigureAwait(false);
                foreach (var tag in LastWins(tags))
                {
                    await UpsertModelTagAsync(session, name, tag).ConfigureAwait(false);
                }

                return await LoadModelAsync(session, name).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (backend.IsUniqueViolation(e))
        {
            throw FathomException.AlreadyExists(
                $"Registered Model (name={name}) already exists. Error: UNIQUE constraint failed: registered_models.name");
        }
    }

    public Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken ct = default) =>
        Read(session => LoadModelAsync(session, name), ct);

    public async Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(newName))
        {
            throw FathomException.InvalidParameter("Registered model name cannot be empty.");
        }

        try
        {
            return await Write(async session =>
            {
                await RequireModelAsync(session, name).ConfigureAwait(false);
                var now = Now();
                await session.ExecuteAsync("UPDATE registered_models SET name = @p0, last_updated_time = @p1 WHERE name = @p2",
                    newName, now, name).ConfigureAwait(false);

                // PostgreSQL cascades the new name through the foreign keys; SQLite enforces none, so the children move here.
                await session.ExecuteAsync("UPDATE model_versions SET name = @p0 WHERE name = @p1", newName, name).ConfigureAwait(false);
                await session.ExecuteAsync("UPDATE model_version_tags SET name = @p0 WHERE name = @p1", newName, name).ConfigureAwait(false);
                await session.ExecuteAsync("UPDATE registered_model_tags SET name = @p0 WHERE name = @p1", newName, name).ConfigureAwait(false);
                await session.ExecuteAsync("UPDATE registered_model_aliases SET name = @p0 WHERE name = @p1", newName, name).ConfigureAwait(false);
                await session.ExecuteAsync("UPDATE model_versions SET last_updated_time = @p0 WHERE name = @p1", now, newName).ConfigureAwait(false);
                return await LoadModelAsync(session, newName).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (backend.IsUniqueViolation(e))
        {
            throw FathomException.AlreadyExists(
                $"Registered Model (name={newName}) already exists. Error: UNIQUE constraint failed: registered_models.name");
        }
    }

    public Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, CancellationToken ct = default) =>
        Write(async session =>
        {
            await RequireModelAsync(session, name).ConfigureAwait(false);
            await session.ExecuteAsync("UPDATE registered_models SET description = @p0, last_updated_time = @p1 WHERE name = @p2",
                description, Now(), name).ConfigureAwait(false);
            return await LoadModelAsync(session, name).ConfigureAwait(false);
        }, ct);

    public Task DeleteRegisteredModelAsync(string name, CancellationToken ct = default) =>
        Write(async session =>
        {
            await RequireModelAsync(session, name).ConfigureAwait(false);
            foreach (var table in (string[])["model_version_tags", "model_versions", "registered_model_tags", "registered_model_aliases", "registered_models"])
            {
                await session.ExecuteAsync($"DELETE FROM {table} WHERE name = @p0", name).ConfigureAwait(false);
            }
        }, ct);

    public Task SetRegisteredModelTagAsync(string name, Tag tag, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(name);
        RegistryValidator.RegisteredModelTag(tag);
        return Write(async session =>
        {
            await RequireModelAsync(session, name).ConfigureAwait(false);
            await UpsertModelTagAsync(session, name, tag).ConfigureAwait(false);
        }, ct);
    }

    // MLflow deletes a missing tag silently once the model is known to exist.
    public Task DeleteRegisteredModelTagAsync(string name, string key, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(name);
        RegistryValidator.TagName(key);
        return Write(async session =>
        {
            await RequireModelAsync(session, name).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM registered_model_tags WHERE name = @p0 AND key = @p1", name, key).ConfigureAwait(false);
        }, ct);
    }

    public Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages, CancellationToken ct = default)
    {
        var wanted = (stages is { Count: > 0 } ? stages : ModelStages.All).Select(ModelStages.Canonical).ToHashSet();
        return Read<IReadOnlyList<ModelVersion>>(async session =>
        {
            var model = await LoadModelAsync(session, name).ConfigureAwait(false);
            var latest = model.LatestVersions.Where(v => wanted.Contains(v.CurrentStage)).ToList();
            return await RegistryLoader.WithAliasesAsync(session, latest).ConfigureAwait(false);
        }, ct);
    }

    private static async Task<ModelRow> RequireModelAsync(SqlSession session, string name)
    {
        RegistryValidator.ModelName(name);
        var rows = await session.ListAsync($"SELECT {RegistryRows.ModelColumns} FROM registered_models WHERE name = @p0",
            RegistryRows.Model, name).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : throw FathomException.NotFound($"Registered Model with name={name} not found");
    }

    private static async Task<RegisteredModel> LoadModelAsync(SqlSession session, string name)
    {
        var row = await RequireModelAsync(session, name).ConfigureAwait(false);
        return (await RegistryLoader.ModelsAsync(session, [row]).ConfigureAwait(false))[0];
    }

    private static Task UpsertModelTagAsync(SqlSession session, string name, Tag tag) =>
        session.ExecuteAsync(
            "INSERT INTO registered_model_tags (key, value, name) VALUES (@p0, @p1, @p2) " +
            "ON CONFLICT (key, name) DO UPDATE SET value = excluded.value",
            tag.Key, tag.Value, name);
}
