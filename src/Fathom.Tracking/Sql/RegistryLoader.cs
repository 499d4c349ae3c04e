using Fathom.Tracking.Entities;
using Fathom.Tracking.Entities.Registry;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Attaches tags, aliases and latest versions to registered models, and tags (and aliases on request) to model
/// versions, set-based: a fixed number of queries whatever the page size.
/// </summary>
internal static class RegistryLoader
{
    public static async Task<List<RegisteredModel>> ModelsAsync(SqlSession session, IReadOnlyList<ModelRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var names = ListValue.Of(rows.Select(r => r.Name));
        var tags = (await session.ListAsync(
            $"SELECT name, key, value FROM registered_model_tags WHERE {session.InList("name", "@p0")} ORDER BY key",
            r => (Name: r.GetString(0), Tag: new Tag(r.GetString(1), Rows.String(r, 2) ?? "")), names).ConfigureAwait(false))
            .ToLookup(t => t.Name, t => t.Tag);
        var aliases = (await session.ListAsync(
            $"SELECT name, alias, version FROM registered_model_aliases WHERE {session.InList("name", "@p0")} ORDER BY alias",
            r => (Name: r.GetString(0), Alias: new RegisteredModelAlias(r.GetString(1), (int)Rows.Long(r, 2))), names).ConfigureAwait(false))
            .ToLookup(a => a.Name, a => a.Alias);

        // MLflow lists each stage's newest version, stages in the order their oldest version was created.
        var latest = await session.ListAsync(
            $"SELECT {RegistryRows.VersionColumns} FROM model_versions JOIN (" +
            "SELECT name AS stage_model, MAX(version) AS newest, MIN(version) AS oldest FROM model_versions " +
            $"WHERE {session.InList("name", "@p0")} AND current_stage <> @p1 GROUP BY name, current_stage) stages " +
            "ON model_versions.name = stages.stage_model AND model_versions.version = stages.newest " +
            "ORDER BY model_versions.name, stages.oldest",
            RegistryRows.Version, names, ModelStages.DeletedInternal).ConfigureAwait(false);
        var versions = (await WithTagsAsync(session, latest).ConfigureAwait(false)).ToLookup(v => v.Name);

        return [.. rows.Select(r => new RegisteredModel(
            r.Name, r.CreationTime, r.LastUpdatedTime, r.Description, [.. versions[r.Name]], [.. tags[r.Name]], [.. aliases[r.Name]]))];
    }

    public static async Task<List<ModelVersion>> WithTagsAsync(SqlSession session, List<ModelVersion> versions)
    {
        if (versions.Count == 0)
        {
            return versions;
        }

        var tags = (await session.ListAsync(
            $"SELECT name, version, key, value FROM model_version_tags WHERE {session.InList("name", "@p0")} ORDER BY key",
            RegistryRows.VersionTag, ListValue.Of(versions.Select(v => v.Name).Distinct())).ConfigureAwait(false))
            .ToLookup(t => (t.Name, t.Version), t => t.Tag);
        return versions.ConvertAll(v => v with { Tags = [.. tags[(v.Name, v.Version)]] });
    }

    public static async Task<List<ModelVersion>> WithAliasesAsync(SqlSession session, List<ModelVersion> versions)
    {
        if (versions.Count == 0)
        {
            return versions;
        }

        var aliases = (await session.ListAsync(
            $"SELECT name, version, alias FROM registered_model_aliases WHERE {session.InList("name", "@p0")} ORDER BY alias",
            r => (Name: r.GetString(0), Version: (int)Rows.Long(r, 1), Alias: r.GetString(2)),
            ListValue.Of(versions.Select(v => v.Name).Distinct())).ConfigureAwait(false))
            .ToLookup(a => (a.Name, a.Version), a => a.Alias);
        return versions.ConvertAll(v => v with { Aliases = [.. aliases[(v.Name, v.Version)]] });
    }
}
