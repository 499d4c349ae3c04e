using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;

namespace Fathom.Monitoring.Performance;

/// <summary>One dataset's rows as label codes (into <see cref="ClassificationInput.Labels"/>) and, when known, one probability array per label.</summary>
internal sealed record ClassificationSample(int[] Actual, int[] Predicted, double[][]? Probabilities, int DroppedRows);

/// <summary>
/// Both datasets over one sorted label list. Three shapes of prediction are understood, as Evidently 0.4 does
/// (<c>calculations/classification_performance.py</c>, <c>get_prediction_data</c>): a label column; per-class
/// probability columns named after the labels (the predicted label is the most probable one, or for two classes the
/// positive one when its probability reaches the threshold); or, for a 0/1 target, one column with the probability of 1.
/// </summary>
internal sealed record ClassificationInput(IReadOnlyList<string> Labels, int? PositiveIndex, ClassificationSample Reference, ClassificationSample Current)
{
    public bool HasProbabilities => Current.Probabilities is not null;

    public static ClassificationInput Resolve(DataTable reference, DataTable current, DataDefinition definition, PerformanceOptions options)
    {
        var target = definition.Target?.Name
            ?? throw FathomException.InvalidParameter("Classification performance needs a target column: map one with --target (or name it 'target').");
        var prediction = definition.Prediction;
        var probabilityColumns = definition.PredictionProbabilities.Select(p => p.Name).ToList();
        if (prediction is null && probabilityColumns.Count == 0)
            throw FathomException.InvalidParameter("Classification performance needs a prediction: map a label column with --prediction or per-class probability columns with --prediction-probas.");
        var targetLabels = LabelValues.Distinct(reference[target]).Concat(LabelValues.Distinct(current[target])).Distinct(StringComparer.Ordinal).ToList();

        // Evidently: a float prediction column (not whole numbers) next to a label target is P(label 1).
        var singleProbability = probabilityColumns.Count == 0 && current[prediction!.Name] is NumericColumn { IsInteger: false } numbers
            && reference[prediction.Name] is NumericColumn { IsInteger: false } && InUnitRange(numbers) && InUnitRange((NumericColumn)reference[prediction.Name]);
        if (singleProbability)
        {
            var stray = targetLabels.FirstOrDefault(l => l is not ("0" or "1"));
            if (stray is not null)
                throw FathomException.InvalidParameter(
                    $"The prediction column '{prediction!.Name}' holds probabilities, which needs a 0/1 target, but target '{target}' has label '{stray}': map one probability column per class with --prediction-probas, or a label column with --prediction.");
            probabilityColumns = ["0", "1"];
        }

        var labelColumn = prediction is null || singleProbability ? null : prediction.Name;
        var all = targetLabels.Concat(probabilityColumns)
            .Concat(labelColumn is null ? [] : LabelValues.Distinct(reference[labelColumn]).Concat(LabelValues.Distinct(current[labelColumn])));
        var labels = LabelValues.Sorted(all);
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        if (probabilityColumns.Count > 0) CheckProbabilityColumns(target, labels, probabilityColumns);
        int? positive = labels.Count == 2 ? ChoosePositive(labels, options.PositiveLabel) : null;

        ClassificationSample Sample(DataTable data)
        {
            var actual = LabelValues.Codes(data[target], index);
            var predicted = labelColumn is null ? null : LabelValues.Codes(data[labelColumn], index);
            double[][]? probabilities = null;
            if (singleProbability)
            {
                var p = ((NumericColumn)data[prediction!.Name]).Values.ToArray();
                probabilities = [p.Select(v => 1 - v).ToArray(), p];
            }
            else if (probabilityColumns.Count > 0)
            {
                probabilities = labels.Select(l => ((NumericColumn)data[definition.PredictionProbabilities.First(c => c.Name == l).Name]).Values.ToArray()).ToArray();
            }
            var argmaxOrder = singleProbability ? [1, 0] : probabilityColumns.Select(c => index[c]).ToArray();
            return Encode(actual, predicted, probabilities, positive, options.ProbabilityThreshold, argmaxOrder);
        }
        return new ClassificationInput(labels, positive, Sample(reference), Sample(current));
    }

    private static bool InUnitRange(NumericColumn column)
    {
        foreach (var v in column.Values)
            if (v is < 0 or > 1) return false;
        return true;
    }

    private static void CheckProbabilityColumns(string target, List<string> labels, List<string> probabilityColumns)
    {
        var missing = labels.Where(l => !probabilityColumns.Contains(l)).ToList();
        if (missing.Count > 0)
            throw FathomException.InvalidParameter(
                $"The probability columns ({string.Join(", ", probabilityColumns.Select(c => $"'{c}'"))}) do not match the labels of target '{target}': " +
                $"no probability column for {string.Join(", ", missing.Select(m => $"'{m}'"))}. Name one probability column after each class.");
    }

    private static int ChoosePositive(List<string> labels, string? positive)
    {
        if (positive is null) return labels.IndexOf("1") is var one and >= 0 ? one : 1;
        var index = labels.IndexOf(positive);
        return index >= 0 ? index
            : throw FathomException.InvalidParameter($"The positive label '{positive}' is not one of the labels ({string.Join(", ", labels.Select(l => $"'{l}'"))}).");
    }

    /// <param name="argmaxOrder">Label indexes in the mapping's column order: idxmax breaks ties by column order, not label order.</param>
    private static ClassificationSample Encode(int[] actual, int[]? predicted, double[][]? probabilities, int? positive, double threshold, int[] argmaxOrder)
    {
        var keep = new List<int>(actual.Length);
        for (var row = 0; row < actual.Length; row++)
        {
            if (actual[row] < 0 || (predicted is not null && predicted[row] < 0)) continue;
            if (probabilities is not null && !AllFinite(probabilities, row)) continue;
            keep.Add(row);
        }
        var codesActual = new int[keep.Count];
        var codesPredicted = new int[keep.Count];
        var kept = probabilities?.Select(_ => new double[keep.Count]).ToArray();
        for (var i = 0; i < keep.Count; i++)
        {
            var row = keep[i];
            codesActual[i] = actual[row];
            if (kept is not null)
                for (var k = 0; k < kept.Length; k++) kept[k][i] = probabilities![k][row];
            codesPredicted[i] = predicted is not null ? predicted[row]
                : positive is { } pos ? (kept![pos][i] >= threshold ? pos : 1 - pos)
                : ArgMax(kept!, i, argmaxOrder);
        }
        return new ClassificationSample(codesActual, codesPredicted, kept, actual.Length - keep.Count);
    }

    private static bool AllFinite(double[][] probabilities, int row)
    {
        foreach (var p in probabilities)
            if (!double.IsFinite(p[row])) return false;
        return true;
    }

    private static int ArgMax(double[][] probabilities, int row, int[] order)
    {
        var best = order[0];
        foreach (var k in order)
            if (probabilities[k][row] > probabilities[best][row]) best = k;
        return best;
    }
}
