namespace Fathom.Monitoring.Performance;

/// <summary>
/// Per-class precision, recall and F1 from a confusion matrix, as sklearn's precision_recall_fscore_support with
/// zero_division=0: averages run over the labels present in the dataset (in its target or its predictions), as sklearn
/// does when not given a label list.
/// </summary>
internal static class ConfusionCounts
{
    public static long[][] Matrix(int[] actual, int[] predicted, int labels)
    {
        var matrix = Enumerable.Range(0, labels).Select(_ => new long[labels]).ToArray();
        for (var i = 0; i < actual.Length; i++) matrix[actual[i]][predicted[i]]++;
        return matrix;
    }

    public static ClassScores[] PerClass(long[][] matrix)
    {
        var n = matrix.Length;
        var scores = new ClassScores[n];
        for (var k = 0; k < n; k++)
        {
            long tp = matrix[k][k], support = matrix[k].Sum(), predictedCount = 0;
            for (var r = 0; r < n; r++) predictedCount += matrix[r][k];
            var precision = Ratio(tp, predictedCount);
            var recall = Ratio(tp, support);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores[k] = new ClassScores(precision, recall, f1, support, support > 0 || predictedCount > 0);
        }
        return scores;
    }

    public static (double Precision, double Recall, double F1) Macro(ClassScores[] scores)
    {
        var present = scores.Where(s => s.Present).ToList();
        return present.Count == 0 ? (0, 0, 0)
            : (present.Average(s => s.Precision), present.Average(s => s.Recall), present.Average(s => s.F1));
    }

    public static (double Precision, double Recall, double F1) Weighted(ClassScores[] scores)
    {
        double total = scores.Sum(s => s.Support);
        if (total == 0) return (0, 0, 0);
        return (scores.Sum(s => s.Precision * s.Support) / total, scores.Sum(s => s.Recall * s.Support) / total, scores.Sum(s => s.F1 * s.Support) / total);
    }

    internal static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}

/// <summary>One class's scores; <see cref="Present"/> is false for a class neither in the target nor in the predictions.</summary>
internal readonly record struct ClassScores(double Precision, double Recall, double F1, long Support, bool Present);
