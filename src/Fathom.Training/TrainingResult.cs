namespace Fathom.Training;

/// <summary>What a training job produced: the run (the parent of a sweep), the model and its validation metrics.</summary>
public sealed record TrainingResult
{
    public required string RunId { get; init; }

    public required string ExperimentId { get; init; }

    /// <summary>The model to use: the run's, or the best child's in a sweep (<c>runs:/ID/model</c>).</summary>
    public required string ModelUri { get; init; }

    /// <summary>Validation metrics of that model.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    public required string PrimaryMetric { get; init; }

    public required int TrainRows { get; init; }

    public required int ValidationRows { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The registered version, when registering was asked for.</summary>
    public string? RegisteredVersion { get; init; }

    /// <summary>In a sweep: each child run with its combination and primary metric.</summary>
    public IReadOnlyList<SweepChild> Children { get; init; } = [];

    public string? BestRunId { get; init; }
}

/// <summary>One combination of a sweep.</summary>
public sealed record SweepChild(string RunId, IReadOnlyDictionary<string, string> Parameters, double PrimaryMetric);
