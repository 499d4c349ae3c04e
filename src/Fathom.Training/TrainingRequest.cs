namespace Fathom.Training;

/// <summary>Everything <c>fathom train</c> was asked to do.</summary>
public sealed record TrainingRequest
{
    /// <summary>The training data: .csv or .parquet (or .json/.jsonl).</summary>
    public required string DataPath { get; init; }

    public required TrainingTask Task { get; init; }

    /// <summary>The label column; not needed with <see cref="LabelExpression"/>.</summary>
    public string? Label { get; init; }

    /// <summary>A binary label computed from one column, e.g. <c>delay &gt; 15</c>.</summary>
    public string? LabelExpression { get; init; }

    /// <summary>The feature columns; empty means every column but the label's source.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    public string Trainer { get; init; } = "lightgbm";

    /// <summary>Trainer options by name (<c>--param</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Grid values per trainer option (<c>--sweep</c>); each combination is one child run.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Sweep { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The share of rows held out for validation when <see cref="ValidationPath"/> is not given.</summary>
    public double ValidationSplit { get; init; } = 0.2;

    /// <summary>A separate validation file with the same columns.</summary>
    public string? ValidationPath { get; init; }

    /// <summary>Seeds the split and ML.NET, so the same request gives the same model.</summary>
    public int Seed { get; init; } = 42;

    public string Experiment { get; init; } = "Default";

    public string? RunName { get; init; }

    /// <summary>Registers the model under this name.</summary>
    public string? RegisterAs { get; init; }

    /// <summary>Points this alias at the registered version.</summary>
    public string? Alias { get; init; }
}

/// <summary>The steps of a training job, reported as each starts.</summary>
public enum TrainingStage
{
    Reading,
    Featurizing,
    Training,
    Evaluating,
    Logging,
}
