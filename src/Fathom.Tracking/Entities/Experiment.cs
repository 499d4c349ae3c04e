namespace Fathom.Tracking.Entities;

/// <summary>Domain shape of an MLflow experiment. Ids are strings on the wire (MLflow keeps them numeric in SQL).</summary>
public sealed record Experiment(
    string ExperimentId,
    string Name,
    string ArtifactLocation,
    string LifecycleStage,
    long CreationTime,
    long LastUpdateTime,
    IReadOnlyList<Tag> Tags);
