namespace Fathom.Monitoring.Mapping;

/// <summary>
/// Which columns play which role. Anything not given is inferred as Evidently 0.4 does (see
/// <see cref="DataDefinitionBuilder"/> and docs/monitoring-reports.md): a column named <c>target</c> is the target,
/// one named <c>prediction</c> the prediction, and feature types come from the data.
/// </summary>
public sealed record ColumnMapping
{
    public string? Target { get; init; }

    /// <summary>The predicted label or value.</summary>
    public string? Prediction { get; init; }

    /// <summary>Per-class probability columns, one per class (the column name is the class).</summary>
    public IReadOnlyList<string>? PredictionProbabilities { get; init; }

    public string? Id { get; init; }

    public string? Timestamp { get; init; }

    /// <summary>When given, exactly these columns are numerical features.</summary>
    public IReadOnlyList<string>? NumericalFeatures { get; init; }

    /// <summary>When given, exactly these columns are categorical features.</summary>
    public IReadOnlyList<string>? CategoricalFeatures { get; init; }

    /// <summary>"classification" or "regression"; inferred from the target's type when not given.</summary>
    public string? Task { get; init; }
}
