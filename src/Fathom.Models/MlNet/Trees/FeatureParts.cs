namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// Where one column of a featurizer comes from, as <see cref="FeaturizerTrace"/> follows it through the transforms:
/// everything that reaches the trees' <c>Features</c> vector is a function of one raw input column.
/// </summary>
internal abstract record FeaturePart(int Input)
{
    /// <summary>Slots the part takes in the feature vector.</summary>
    public virtual int Width => 1;
}

/// <summary>
/// A numeric input as a float, or with <paramref name="TimestampPart"/> &gt;= 0 a part of a timestamp input
/// (<see cref="TimestampFeatures"/>: 0 month, 1 day of week, 2 hour); a missing value becomes whatever the featurizer
/// puts there (a mean, or NaN).
/// </summary>
internal sealed record NumericValue(int Input, int TimestampPart = -1) : FeaturePart(Input);

/// <summary>A "missing" indicator of a numeric value: still boolean, or already converted to 0/1.</summary>
internal sealed record MissingIndicator(int Input, bool IsFloat, int TimestampPart = -1) : FeaturePart(Input);

/// <summary>A raw timestamp input, before <see cref="TimestampFeatures"/> splits it into parts.</summary>
internal sealed record TimestampValue(int Input) : FeaturePart(Input);

/// <summary>A text input, raw or mapped to a key (dictionary or hash).</summary>
internal sealed record TextValue(int Input, bool IsKey) : FeaturePart(Input);

/// <summary>A text input as a block of slots (one-hot of its key): each distinct text sets a few of them.</summary>
internal sealed record TextBlock(int Input, int Slots) : FeaturePart(Input)
{
    public override int Width => Slots;
}
