using Fathom.Models.MlNet;

namespace Fathom.Training.Data;

/// <summary>The table columns a model reads, by how they are featurized.</summary>
/// <param name="Numeric">Numeric columns: used as numbers, missing values replaced by the training mean.</param>
/// <param name="Text">Text columns: one-hot encoded, or hashed when they have many distinct values.</param>
/// <param name="Timestamps">Timestamp columns: split into month, day of week and hour of day inside the model.</param>
public sealed record FeatureSet(IReadOnlyList<string> Numeric, IReadOnlyList<string> Text, IReadOnlyList<string> Timestamps)
{
    /// <summary>Every selected table column, numeric first.</summary>
    public IReadOnlyList<string> All => [.. Numeric, .. Text, .. Timestamps];

    /// <summary>The numeric columns the featurizer works on: numeric columns and the parts derived from each timestamp.</summary>
    internal IReadOnlyList<string> NumericInputs => [.. Numeric, .. Timestamps.SelectMany(TimestampFeatures.PartNames)];
}
