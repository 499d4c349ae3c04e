using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;

namespace Fathom.Monitoring.Performance;

/// <summary>
/// Classification performance of the reference and the current data (see <see cref="ClassificationQuality"/>).
/// Counting is one pass over label codes; each class's ROC/PR needs one sort of its probabilities, and classes run in parallel.
/// </summary>
public static class ClassificationCalculator
{
    /// <summary>sklearn 1.2's log_loss clips probabilities to [eps, 1 - eps] and renormalises each row.</summary>
    private const double LogLossEpsilon = 1e-15;

    public static ClassificationPerformance Calculate(DataTable reference, DataTable current, DataDefinition definition, PerformanceOptions? options = null)
    {
        options ??= new PerformanceOptions();
        var input = ClassificationInput.Resolve(reference, current, definition, options);
        var referenceTask = Task.Run(() => Quality(input, input.Reference, options));
        var currentQuality = Quality(input, input.Current, options);
        return new ClassificationPerformance(definition.Target!.Name, input.Labels,
            input.PositiveIndex is { } p ? input.Labels[p] : null, referenceTask.GetAwaiter().GetResult(), currentQuality);
    }

    private static ClassificationQuality Quality(ClassificationInput input, ClassificationSample sample, PerformanceOptions options)
    {
        var labels = input.Labels;
        var matrix = ConfusionCounts.Matrix(sample.Actual, sample.Predicted, labels.Count);
        var scores = ConfusionCounts.PerClass(matrix);
        var macro = ConfusionCounts.Macro(scores);
        var weighted = ConfusionCounts.Weighted(scores);
        long correct = 0;
        for (var k = 0; k < labels.Count; k++) correct += matrix[k][k];
        var rows = sample.Actual.Length;
        var positive = input.PositiveIndex;
        var headline = positive is { } pos ? (scores[pos].Precision, scores[pos].Recall, scores[pos].F1) : macro;

        var ranked = sample.Probabilities is { } probabilities
            ? ParallelColumns.Map(labels.Count, k => RankingCurves.Compute(probabilities[k], sample.Actual, k, options.CurvePoints))
            : null;
        var classes = Enumerable.Range(0, labels.Count).Select(k => new ClassQuality(labels[k],
            scores[k].Present ? scores[k].Precision : null, scores[k].Present ? scores[k].Recall : null, scores[k].Present ? scores[k].F1 : null,
            scores[k].Support, Finite(ranked?[k].RocAuc), Finite(ranked?[k].AveragePrecision))).ToList();
        var curveClasses = positive is { } p1 ? [p1] : Enumerable.Range(0, labels.Count).ToArray();

        return new ClassificationQuality
        {
            Rows = rows,
            DroppedRows = sample.DroppedRows,
            Accuracy = rows == 0 ? double.NaN : (double)correct / rows,
            Precision = headline.Item1,
            Recall = headline.Item2,
            F1 = headline.Item3,
            Macro = new AveragedScores(macro.Precision, macro.Recall, macro.F1),
            Weighted = new AveragedScores(weighted.Precision, weighted.Recall, weighted.F1),
            Rates = positive is { } p2 ? Rates(matrix, p2) : null,
            RocAuc = ranked is null ? null : Headline(ranked.Select(r => r.RocAuc), positive),
            PrAuc = ranked is null ? null : Headline(ranked.Select(r => r.AveragePrecision), positive),
            LogLoss = sample.Probabilities is { } pl ? LogLoss(pl, sample.Actual) : null,
            BrierScore = sample.Probabilities is { } pb
                ? positive is { } p3 ? Calibration.Compute(labels[p3], pb[p3], sample.Actual, p3, options.CalibrationBins).BrierScore : Calibration.MulticlassBrier(pb, sample.Actual)
                : null,
            Classes = classes,
            ConfusionMatrix = matrix,
            Curves = ranked is null ? [] : curveClasses.Select(k => new ClassCurves(labels[k], ranked[k].Roc, ranked[k].PrecisionRecall)).ToList(),
            Calibration = sample.Probabilities is { } pc
                ? curveClasses.Select(k => Calibration.Compute(labels[k], pc[k], sample.Actual, k, options.CalibrationBins)).ToList()
                : [],
        };
    }

    /// <summary>Binary: the positive class's value; multiclass: the mean over classes where it is defined.</summary>
    private static double? Headline(IEnumerable<double> perClass, int? positive)
    {
        var values = perClass.ToList();
        if (positive is { } p) return Finite(values[p]);
        var defined = values.Where(double.IsFinite).ToList();
        return defined.Count == 0 ? null : defined.Average();
    }

    private static BinaryRates Rates(long[][] matrix, int positive)
    {
        long tp = matrix[positive][positive], fn = matrix[positive].Sum() - tp, fp = 0, total = 0;
        for (var r = 0; r < matrix.Length; r++)
        {
            total += matrix[r].Sum();
            if (r != positive) fp += matrix[r][positive];
        }
        var tn = total - tp - fn - fp;
        static double Rate(long a, long b) => a + b == 0 ? double.NaN : (double)a / (a + b);
        return new BinaryRates(Rate(tp, fn), Rate(tn, fp), Rate(fp, tn), Rate(fn, tp));
    }

    private static double? LogLoss(double[][] probabilities, int[] actual)
    {
        if (actual.Length == 0) return null;
        double total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            double sum = 0;
            for (var k = 0; k < probabilities.Length; k++) sum += Math.Clamp(probabilities[k][i], LogLossEpsilon, 1 - LogLossEpsilon);
            total -= Math.Log(Math.Clamp(probabilities[actual[i]][i], LogLossEpsilon, 1 - LogLossEpsilon) / sum);
        }
        return total / actual.Length;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
