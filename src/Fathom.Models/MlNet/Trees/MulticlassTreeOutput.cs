namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// A one-versus-all model's classes (ML.NET's <c>OneVersusAllModelParameters</c>, which LightGBM multiclass and
/// OVA-wrapped FastTree/FastForest produce): each class's score is its own trees' sum cast to float (FastForest
/// regression averages), then the model's formula combines them as ML.NET's <c>ImplRaw</c>, <c>ImplDist</c> and
/// <c>ImplSoftmax</c> (LightGBM's softmax objective) do, and the predicted label is the first class with the highest score.
/// </summary>
internal sealed class MulticlassTreeOutput : TreeOutput
{
    private readonly int[] _averageOver;
    private readonly Formula _formula;
    private readonly (double Slope, double Offset)[] _platt;

    /// <param name="averageOver">Per class, the tree count its sum is divided by (0: none).</param>
    /// <param name="formula">How the class scores combine.</param>
    /// <param name="platt">Per class, the Platt calibrator <see cref="Formula.ProbabilityNormalization"/> applies.</param>
    public MulticlassTreeOutput(int[] averageOver, Formula formula, (double Slope, double Offset)[] platt)
    {
        _averageOver = averageOver;
        _formula = formula;
        _platt = platt;
    }

    /// <summary>ML.NET's <c>OneVersusAllModelParameters.OutputFormula</c>, as its loaded implementation shows it.</summary>
    public enum Formula
    {
        /// <summary>Each class's raw score (<c>ImplRaw</c>).</summary>
        Raw,
        /// <summary>Each class's calibrated probability, negatives clamped to 0, divided by their sum (<c>ImplDist</c>).</summary>
        ProbabilityNormalization,
        /// <summary>exp of each raw score over their sum, in float (<c>ImplSoftmax</c>).</summary>
        Softmax,
    }

    public override int Count => _averageOver.Length;

    public override void Write(int row, ReadOnlySpan<double> sums, MlNetOutputPlan.Buffers buffers)
    {
        var scores = buffers.ScoreMatrix.AsSpan(row * Count, Count);
        for (var c = 0; c < scores.Length; c++)
            scores[c] = _averageOver[c] > 0 ? (float)sums[c] / _averageOver[c] : (float)sums[c];
        if (_formula == Formula.Softmax) Softmax(scores);
        else if (_formula == Formula.ProbabilityNormalization) Normalize(scores);
        if (buffers.LabelCodes is { } labels) labels[row] = ArgMax(scores);
    }

    private static void Softmax(Span<float> scores)
    {
        float sum = 0;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = (float)Math.Exp(scores[c]);
            sum += scores[c];
        }
        for (var c = 0; c < scores.Length; c++) scores[c] /= sum;
    }

    private void Normalize(Span<float> scores)
    {
        double sum = 0;
        for (var c = 0; c < scores.Length; c++)
        {
            var probability = Platt(scores[c], _platt[c].Slope, _platt[c].Offset);
            scores[c] = probability;
            if (float.IsNaN(probability)) continue;
            if (probability >= 0) sum += probability;
            else scores[c] = 0;
        }
        if (sum <= 0) return;
        for (var c = 0; c < scores.Length; c++) scores[c] = (float)(scores[c] / sum);
    }

    /// <summary>
    /// The first index of the highest score, NaNs skipped, as ML.NET's <c>VectorUtils.ArgMax</c> picks the predicted
    /// key; -1 (a missing label, ML.NET's key 0) when every score is NaN.
    /// </summary>
    private static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = -1;
        for (var c = 0; c < scores.Length; c++)
            if (!float.IsNaN(scores[c]) && (best < 0 || scores[c] > scores[best])) best = c;
        return best;
    }
}
