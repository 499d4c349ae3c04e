namespace Fathom.Monitoring.Performance;

/// <summary>A curve as aggregated points: x, y and the score threshold at each point (the first point's threshold is +inf, written as null).</summary>
public sealed record Curve(double[] X, double[] Y, double[] Thresholds);

/// <summary>ROC AUC, average precision and both curves of one class against the rest.</summary>
internal sealed record RankingResult(double RocAuc, double AveragePrecision, Curve Roc, Curve PrecisionRecall);

/// <summary>
/// One sort of the scores, then one walk over the distinct thresholds, as sklearn's roc_curve / precision_recall_curve
/// (drop_intermediate=False): ROC AUC is the trapezoid area (roc_auc_score), the PR summary is average precision
/// (average_precision_score: Σ (Rₙ - Rₙ₋₁) Pₙ, no interpolation). Undefined values (no positive or no negative row)
/// are NaN. The AUCs use every threshold; the curves are then thinned to at most the requested points.
/// </summary>
internal static class RankingCurves
{
    public static RankingResult Compute(double[] scores, int[] actual, int positiveClass, int maxPoints)
    {
        var n = scores.Length;
        var keys = new double[n];
        var positives = new byte[n];
        long totalPositive = 0;
        for (var i = 0; i < n; i++)
        {
            keys[i] = -scores[i];
            positives[i] = actual[i] == positiveClass ? (byte)1 : (byte)0;
            totalPositive += positives[i];
        }
        Array.Sort(keys, positives);
        long totalNegative = n - totalPositive;

        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var precision = new List<double> { 1 };
        var recall = new List<double> { 0 };
        var thresholds = new List<double> { double.PositiveInfinity };
        long tp = 0, fp = 0;
        double area = 0, averagePrecision = 0;
        for (var i = 0; i < n;)
        {
            var threshold = keys[i];
            long prevTp = tp, prevFp = fp;
            for (; i < n && keys[i] == threshold; i++)
            {
                if (positives[i] == 1) tp++;
                else fp++;
            }
            area += (fp - prevFp) * (double)(tp + prevTp) / 2;
            var p = (double)tp / (tp + fp);
            averagePrecision += (tp - prevTp) * p;
            fpr.Add(totalNegative == 0 ? double.NaN : (double)fp / totalNegative);
            tpr.Add(totalPositive == 0 ? double.NaN : (double)tp / totalPositive);
            precision.Add(p);
            recall.Add(totalPositive == 0 ? double.NaN : (double)tp / totalPositive);
            thresholds.Add(-threshold);
        }
        var auc = totalPositive == 0 || totalNegative == 0 ? double.NaN : area / ((double)totalPositive * totalNegative);
        var ap = totalPositive == 0 ? double.NaN : averagePrecision / totalPositive;
        return new RankingResult(auc, ap, Thin(fpr, tpr, thresholds, maxPoints), Thin(recall, precision, thresholds, maxPoints));
    }

    /// <summary>Keeps evenly spaced points, always the first and the last, so a report never grows with the rows.</summary>
    internal static Curve Thin(List<double> x, List<double> y, List<double> thresholds, int maxPoints)
    {
        if (x.Count <= maxPoints) return new Curve([.. x], [.. y], [.. thresholds]);
        var keep = Enumerable.Range(0, maxPoints).Select(i => (int)Math.Round(i * (x.Count - 1.0) / (maxPoints - 1))).Distinct().ToArray();
        return new Curve(keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray(), keep.Select(i => thresholds[i]).ToArray());
    }
}
