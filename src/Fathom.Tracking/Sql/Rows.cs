using System.Data.Common;
using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Sql;

/// <summary>Database rows to domain entities; the column lists here and the readers below go together.</summary>
internal static class Rows
{
    public const string ExperimentColumns =
        "experiments.experiment_id, experiments.name, experiments.artifact_location, experiments.lifecycle_stage, " +
        "experiments.creation_time, experiments.last_update_time";

    public const string RunColumns =
        "runs.run_uuid, runs.name, runs.experiment_id, runs.user_id, runs.status, runs.start_time, runs.end_time, " +
        "runs.artifact_uri, runs.lifecycle_stage";

    public static ExperimentRow Experiment(DbDataReader r) => new(
        Long(r, 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        r.GetString(1),
        String(r, 2) ?? "",
        r.GetString(3),
        NullableLong(r, 4) ?? 0,
        NullableLong(r, 5) ?? 0);

    public static RunInfo RunInfo(DbDataReader r) => new(
        r.GetString(0),
        String(r, 1) ?? "",
        Long(r, 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
        String(r, 3) ?? "",
        Enum.TryParse<RunStatus>(String(r, 4), out var status) ? status : RunStatus.RUNNING,
        NullableLong(r, 5) ?? 0,
        NullableLong(r, 6),
        String(r, 7) ?? "",
        String(r, 8) ?? LifecycleStage.Active);

    /// <summary>Reads (key, value, timestamp, step, is_nan) starting at <paramref name="first"/>.</summary>
    public static Metric Metric(DbDataReader r, int first = 0) => new(
        r.GetString(first),
        r.GetBoolean(first + 4) ? double.NaN : r.GetDouble(first + 1),
        NullableLong(r, first + 2) ?? 0,
        Long(r, first + 3));

    public static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static long? NullableLong(DbDataReader r, int i) => r.IsDBNull(i) ? null : Long(r, i);

    public static string? String(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

/// <summary>An experiment without its tags, as one row of the experiments table.</summary>
internal sealed record ExperimentRow(string Id, string Name, string ArtifactLocation, string LifecycleStage, long CreationTime, long LastUpdateTime)
{
    public Experiment WithTags(IReadOnlyList<Tag> tags) =>
        new(Id, Name, ArtifactLocation, LifecycleStage, CreationTime, LastUpdateTime, tags);
}
