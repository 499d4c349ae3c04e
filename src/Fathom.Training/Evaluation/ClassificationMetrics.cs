namespace Fathom.Training.Evaluation;

/// <summary>
/// Accuracy and per-class and macro precision, recall and F1 from a confusion matrix, as scikit-learn defines them
/// (a class never predicted has precision 0, sklearn's zero_division default; macro is the unweighted mean over
/// the classes, including classes absent from the validation rows, as with sklearn's <c>labels=</c> argument).
/// </summary>
internal static class ClassificationMetrics
{
    public sealed record PerClass(string Class, double Precision, double Recall, double F1, long Support);

    public static double Accuracy(ConfusionMatrix matrix)
    {
        long correct = 0, total = 0;
        for (var i = 0; i < matrix.Classes.Count; i++)
        {
            correct += matrix.Counts[i][i];
            total += matrix.Counts[i].Sum();
        }
        return total == 0 ? double.NaN : (double)correct / total;
    }

    public static IReadOnlyList<PerClass> ByClass(ConfusionMatrix matrix)
    {
        var n = matrix.Classes.Count;
        var result = new List<PerClass>(n);
        for (var c = 0; c < n; c++)
        {
            var truePositives = matrix.Counts[c][c];
            long predicted = 0;
            for (var a = 0; a < n; a++) predicted += matrix.Counts[a][c];
            var actual = matrix.Counts[c].Sum();
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = actual == 0 ? 0 : (double)truePositives / actual;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result.Add(new PerClass(matrix.Classes[c], precision, recall, f1, actual));
        }
        return result;
    }

    public static (double Precision, double Recall, double F1) Macro(IReadOnlyList<PerClass> byClass) =>
        (byClass.Average(c => c.Precision), byClass.Average(c => c.Recall), byClass.Average(c => c.F1));
}
