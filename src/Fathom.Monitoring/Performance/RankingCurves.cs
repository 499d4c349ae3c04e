namespace Fathom.Monitoring.Performance;

/// <summary>A curve as aggregated points: x, y and the score threshold at each point (the first point's threshold is +inf, written as null).</summary>
public sealed record Curve(double[] X, double[] Y, double[] Thresholds);

/// <summary>ROC AUC, average precision and both curves of one class against the rest.</summary>
internal sealed record RankingResult(double RocAuc, double AveragePrecision, Curve Roc, Curve PrecisionRecall);

/// <summary>
/// One sort of the scores, then one walk over the distinct thresholds, as sklearn's roc_curve / precision_recall_curve
/// (drop_intermediate=False): ROC AUC is the trapezoid area (roc_auc_score), the PR summary is average precision
/// (average_precision_score: Σ (Rₙ - Rₙ₋₁) Pₙ, no interpolation). Undefined values (no positive or no negative row)
/// are NaN. The AUCs use every threshold; the curves keep at most the requested points, evenly spaced.
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

        // Count the distinct thresholds first, so only the points the report keeps are ever stored.
        var distinct = 0;
        for (var i = 0; i < n; i++) if (i == 0 || keys[i] != keys[i - 1]) distinct++;
        var keep = Keep(distinct + 1, maxPoints);
        var fpr = new List<double>(keep.Length);
        var tpr = new List<double>(keep.Length);
        var precision = new List<double>(keep.Length);
        var recall = new List<double>(keep.Length);
        var thresholds = new List<double>(keep.Length);
        var point = 0;
        var next = 0;
        void Record(double x, double y, double p, double r, double threshold)
        {
            if (next < keep.Length && keep[next] == point)
            {
                fpr.Add(x);
                tpr.Add(y);
                precision.Add(p);
                recall.Add(r);
                thresholds.Add(threshold);
                next++;
            }
            point++;
        }
        Record(0, 0, 1, 0, double.PositiveInfinity);
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
            var r = totalPositive == 0 ? double.NaN : (double)tp / totalPositive;
            Record(totalNegative == 0 ? double.NaN : (double)fp / totalNegative, r, p, r, -threshold);
        }
        var auc = totalPositive == 0 || totalNegative == 0 ? double.NaN : area / ((double)totalPositive * totalNegative);
        var ap = totalPositive == 0 ? double.NaN : averagePrecision / totalPositive;
        return new RankingResult(auc, ap, new Curve([.. fpr], [.. tpr], [.. thresholds]), new Curve([.. recall], [.. precision], [.. thresholds]));
    }

    /// <summary>Evenly spaced point indexes, always the first and the last, so a report never grows with the rows.</summary>
    internal static int[] Keep(int points, int maxPoints) => points <= maxPoints
        ? Enumerable.Range(0, points).ToArray()
        : Enumerable.Range(0, maxPoints).Select(i => (int)Math.Round(i * (points - 1.0) / (maxPoints - 1))).Distinct().ToArray();
}
