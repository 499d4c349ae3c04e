using System.Data.Common;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Entities.Registry;

namespace Fathom.Tracking.Sql;

/// <summary>Registry tables' rows to entities; the column lists and the readers below go together.</summary>
internal static class RegistryRows
{
    public const string ModelColumns =
        "registered_models.name, registered_models.creation_time, registered_models.last_updated_time, registered_models.description";

    public const string VersionColumns =
        "model_versions.name, model_versions.version, model_versions.creation_time, model_versions.last_updated_time, " +
        "model_versions.description, model_versions.user_id, model_versions.current_stage, model_versions.source, " +
        "model_versions.run_id, model_versions.status, model_versions.status_message, model_versions.run_link";

    public static ModelRow Model(DbDataReader r) => new(
        r.GetString(0), Rows.NullableLong(r, 1) ?? 0, Rows.NullableLong(r, 2) ?? 0, Rows.String(r, 3));

    public static ModelVersion Version(DbDataReader r) => new(
        r.GetString(0),
        (int)Rows.Long(r, 1),
        Rows.NullableLong(r, 2) ?? 0,
        Rows.NullableLong(r, 3) ?? 0,
        Rows.String(r, 4),
        Rows.String(r, 5),
        Rows.String(r, 6) ?? ModelStages.None,
        Rows.String(r, 7),
        Rows.String(r, 8),
        Enum.TryParse<ModelVersionStatus>(Rows.String(r, 9), out var status) ? status : ModelVersionStatus.READY,
        Rows.String(r, 10),
        [],
        Rows.String(r, 11),
        []);

    public static (string Name, int Version, Tag Tag) VersionTag(DbDataReader r) =>
        (r.GetString(0), (int)Rows.Long(r, 1), new Tag(r.GetString(2), Rows.String(r, 3) ?? ""));
}

/// <summary>A registered model as one row of its table, before its tags, aliases and latest versions are attached.</summary>
internal sealed record ModelRow(string Name, long CreationTime, long LastUpdatedTime, string? Description);
