namespace Fathom.Monitoring.Mapping;

/// <summary>The statistical type a column is analysed as.</summary>
public enum FeatureType
{
    Numerical,
    Categorical,
    Datetime,
}

/// <summary>A column and the type it is analysed as.</summary>
public sealed record ColumnDefinition(string Name, FeatureType Type)
{
    /// <summary>"num", "cat" or "datetime", as the report schema writes it.</summary>
    public string TypeName => Type switch
    {
        FeatureType.Numerical => "num",
        FeatureType.Categorical => "cat",
        _ => "datetime",
    };
}

/// <summary>The resolved roles of every column of a reference/current pair.</summary>
public sealed record DataDefinition(
    IReadOnlyList<ColumnDefinition> Features,
    ColumnDefinition? Target,
    ColumnDefinition? Prediction,
    IReadOnlyList<ColumnDefinition> PredictionProbabilities,
    string? Id,
    string? Timestamp,
    string? Task)
{
    /// <summary>Every analysed column: features, then target, prediction and probabilities.</summary>
    public IEnumerable<ColumnDefinition> AllColumns =>
        Features.Concat(new[] { Target, Prediction }.OfType<ColumnDefinition>()).Concat(PredictionProbabilities);

    public IEnumerable<ColumnDefinition> DriftFeatures => Features.Where(f => f.Type != FeatureType.Datetime);
}
