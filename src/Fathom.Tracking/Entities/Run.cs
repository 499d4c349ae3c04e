namespace Fathom.Tracking.Entities;

public sealed record Run(RunInfo Info, RunData Data, RunInputs Inputs);

public sealed record RunInfo(
    string RunId,
    string RunName,
    string ExperimentId,
    string UserId,
    RunStatus Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri,
    string LifecycleStage);

/// <summary>Latest value of each metric, every param, every tag.</summary>
public sealed record RunData(IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params, IReadOnlyList<Tag> Tags);

public sealed record RunInputs(IReadOnlyList<DatasetInput> DatasetInputs)
{
    public static RunInputs Empty { get; } = new([]);
}

public sealed record Dataset(string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile);

public sealed record DatasetInput(IReadOnlyList<Tag> Tags, Dataset Dataset);

/// <summary>MLflow's run states; written on the wire by name.</summary>
public enum RunStatus
{
    RUNNING = 1,
    SCHEDULED = 2,
    FINISHED = 3,
    FAILED = 4,
    KILLED = 5,
}
