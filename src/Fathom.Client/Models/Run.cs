namespace Fathom.Client;

/// <summary>A run: its metadata, its logged data and its inputs (MLflow's <c>Run</c> message).</summary>
public sealed record Run
{
    /// <summary>Metadata: ids, status, times, artifact location.</summary>
    public RunInfo Info { get; init; } = new();

    /// <summary>Latest metric values, params and tags.</summary>
    public RunData Data { get; init; } = new();

    /// <summary>Datasets logged as inputs.</summary>
    public RunInputs Inputs { get; init; } = new();
}

/// <summary>Run metadata (MLflow's <c>RunInfo</c> message).</summary>
public sealed record RunInfo
{
    /// <summary>The run's id.</summary>
    public string RunId { get; init; } = "";

    /// <summary>The run's display name.</summary>
    public string? RunName { get; init; }

    /// <summary>The experiment the run belongs to.</summary>
    public string ExperimentId { get; init; } = "";

    /// <summary>The user who created the run.</summary>
    public string? UserId { get; init; }

    /// <summary>Current status.</summary>
    public RunStatus Status { get; init; } = RunStatus.Running;

    /// <summary>Start time in milliseconds since the Unix epoch.</summary>
    public long? StartTime { get; init; }

    /// <summary>End time in milliseconds since the Unix epoch; null while the run is running.</summary>
    public long? EndTime { get; init; }

    /// <summary>Root of the run's artifacts, e.g. <c>mlflow-artifacts:/1/abc/artifacts</c>.</summary>
    public string? ArtifactUri { get; init; }

    /// <summary><c>active</c> or <c>deleted</c>.</summary>
    public string LifecycleStage { get; init; } = "active";
}

/// <summary>A run's logged data: the latest value of each metric, every param, every tag.</summary>
public sealed record RunData
{
    /// <summary>The latest value of each metric.</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];

    /// <summary>All params.</summary>
    public IReadOnlyList<Param> Params { get; init; } = [];

    /// <summary>All tags, including system tags such as <c>mlflow.user</c>.</summary>
    public IReadOnlyList<RunTag> Tags { get; init; } = [];
}

/// <summary>Datasets a run consumed.</summary>
public sealed record RunInputs
{
    /// <summary>The dataset inputs.</summary>
    public IReadOnlyList<DatasetInput> DatasetInputs { get; init; } = [];
}

/// <summary>The lifecycle state of a run (MLflow's <c>RunStatus</c>).</summary>
public enum RunStatus
{
    /// <summary>The run is in progress.</summary>
    Running = 1,

    /// <summary>The run is scheduled but has not started.</summary>
    Scheduled = 2,

    /// <summary>The run completed.</summary>
    Finished = 3,

    /// <summary>The run failed.</summary>
    Failed = 4,

    /// <summary>The run was killed.</summary>
    Killed = 5,
}
