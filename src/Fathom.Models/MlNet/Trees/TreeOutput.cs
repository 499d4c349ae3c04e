namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// How a row's tree sums (one per output: one for regression and binary models, one per class for multiclass) become
/// the model's outputs, computed in the order and precision ML.NET uses so the results are identical.
/// </summary>
internal abstract class TreeOutput
{
    /// <summary>Sums a row takes: the number of tree groups.</summary>
    public abstract int Count { get; }

    /// <summary>Writes row <paramref name="row"/>'s outputs from its <see cref="Count"/> tree sums.</summary>
    public abstract void Write(int row, ReadOnlySpan<double> sums, MlNetOutputPlan.Buffers buffers);

    /// <summary>Platt's sigmoid as ML.NET's <c>PlattCalibrator</c> computes it (NaN stays NaN).</summary>
    protected static float Platt(float score, double slope, double offset) =>
        float.IsNaN(score) ? score : (float)(1 / (1 + Math.Exp(slope * score + offset)));
}

/// <summary>
/// A regression or binary model: the score is the sum cast to float (FastForest divides by its tree count), the
/// binary label <c>Score &gt; threshold</c>, and Platt calibration gives the probability.
/// </summary>
internal sealed class SingleTreeOutput(int averageOver, float? threshold, (double Slope, double Offset)? platt) : TreeOutput
{
    public override int Count => 1;

    public override void Write(int row, ReadOnlySpan<double> sums, MlNetOutputPlan.Buffers buffers)
    {
        var value = averageOver > 0 ? (float)sums[0] / averageOver : (float)sums[0];
        buffers.Score![row] = value;
        if (threshold is { } cut) buffers.LabelCodes![row] = value > cut ? 1 : 0;
        if (platt is var (slope, offset)) buffers.Probability![row] = Platt(value, slope, offset);
    }
}
