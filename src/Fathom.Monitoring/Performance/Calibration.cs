namespace Fathom.Monitoring.Performance;

/// <summary>
/// Reliability bins of one class's probabilities: for each non-empty bin, how many rows, their mean predicted
/// probability and the share that truly were the class (sklearn's calibration_curve, strategy="uniform"), and the
/// class's Brier score (brier_score_loss).
/// </summary>
public sealed record CalibrationCurve(string Label, double BrierScore, double[] MeanPredicted, double[] FractionPositive, long[] Counts);

internal static class Calibration
{
    public static CalibrationCurve Compute(string label, double[] probabilities, int[] actual, int classIndex, int bins)
    {
        var sums = new double[bins];
        var positives = new double[bins];
        var counts = new long[bins];
        double squares = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            var y = actual[i] == classIndex ? 1.0 : 0.0;
            var bin = Bin(p, bins);
            sums[bin] += p;
            positives[bin] += y;
            counts[bin]++;
            squares += (y - p) * (y - p);
        }
        var nonEmpty = Enumerable.Range(0, bins).Where(b => counts[b] > 0).ToArray();
        return new CalibrationCurve(label,
            probabilities.Length == 0 ? double.NaN : squares / probabilities.Length,
            nonEmpty.Select(b => sums[b] / counts[b]).ToArray(),
            nonEmpty.Select(b => positives[b] / counts[b]).ToArray(),
            nonEmpty.Select(b => counts[b]).ToArray());
    }

    /// <summary>The multiclass Brier score: the mean over rows of Σₖ (pₖ - yₖ)².</summary>
    public static double MulticlassBrier(double[][] probabilities, int[] actual)
    {
        if (actual.Length == 0) return double.NaN;
        double total = 0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            var p = probabilities[k];
            for (var i = 0; i < actual.Length; i++)
            {
                var d = (actual[i] == k ? 1.0 : 0.0) - p[i];
                total += d * d;
            }
        }
        return total / actual.Length;
    }

    /// <summary>
    /// numpy's searchsorted(linspace(0, 1, bins + 1)[1:-1], p): the number of inner edges below p, so a value on an
    /// edge falls in the lower bin. Edges are computed as numpy's linspace does (i * (1 / bins)).
    /// </summary>
    internal static int Bin(double p, int bins)
    {
        var step = 1.0 / bins;
        var bin = Math.Clamp((int)(p * bins), 0, bins - 1);
        while (bin > 0 && bin * step >= p) bin--;
        while (bin < bins - 1 && (bin + 1) * step < p) bin++;
        return bin;
    }
}
