using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Performance;

/// <summary>Regression performance (see <see cref="RegressionQuality"/>): a few passes over the errors and one sort for their quantiles.</summary>
public static class RegressionCalculator
{
    public static RegressionPerformance Calculate(DataTable reference, DataTable current, DataDefinition definition, PerformanceOptions? options = null)
    {
        options ??= new PerformanceOptions();
        var target = definition.Target?.Name
            ?? throw FathomException.InvalidParameter("Regression performance needs a target column: map one with --target (or name it 'target').");
        var prediction = definition.Prediction?.Name
            ?? throw FathomException.InvalidParameter("Regression performance needs a prediction column: map one with --prediction (or name it 'prediction').");
        foreach (var (role, name) in new[] { ("target", target), ("prediction", prediction) })
            if (current[name] is not NumericColumn)
                throw FathomException.InvalidParameter($"Regression performance needs a numeric {role}, but column '{name}' holds text (e.g. '{FirstValue(current[name])}').");
        var features = definition.DriftFeatures.ToList();
        var referenceTask = Task.Run(() => Sample.Of(reference, target, prediction));
        var currentSample = Sample.Of(current, target, prediction);
        var referenceSample = referenceTask.GetAwaiter().GetResult();
        var referenceQuality = Task.Run(() => Quality(referenceSample));
        var currentQuality = Quality(currentSample);
        var (referenceGroups, currentGroups) = ((referenceSample.UnderRows, referenceSample.OverRows), (currentSample.UnderRows, currentSample.OverRows));
        var bias = ParallelColumns.Map(features.Count, i => new FeatureErrorBias(features[i].Name, features[i].TypeName,
            ErrorBias.Of(reference[features[i].Name], referenceSample.RowNumbers, referenceGroups.UnderRows, referenceGroups.OverRows),
            ErrorBias.Of(current[features[i].Name], currentSample.RowNumbers, currentGroups.UnderRows, currentGroups.OverRows)));
        return new RegressionPerformance(target, prediction, referenceQuality.GetAwaiter().GetResult(), currentQuality,
            DistributionBuilder.Numerical(referenceSample.Errors, currentSample.Errors, options.ErrorHistogramBins), bias);
    }

    private static RegressionQuality Quality(Sample sample)
    {
        var n = sample.Errors.Length;
        if (n == 0) return new RegressionQuality { DroppedRows = sample.Dropped, MeanError = double.NaN, MeanAbsError = double.NaN, MeanAbsPercError = double.NaN, Rmse = double.NaN, R2Score = double.NaN, AbsErrorMax = double.NaN, ErrorStd = double.NaN, AbsErrorStd = double.NaN, AbsPercErrorStd = double.NaN, ErrorQuantile5 = double.NaN, ErrorQuantile95 = double.NaN };
        var abs = new double[n];
        var percent = new double[n];
        double squares = 0, max = 0, targetSum = 0;
        for (var i = 0; i < n; i++)
        {
            var e = sample.Errors[i];
            abs[i] = Math.Abs(e);
            percent[i] = abs[i] / Math.Max(sample.Targets[i], Epsilon);
            squares += e * e;
            max = Math.Max(max, abs[i]);
            targetSum += sample.Targets[i];
        }
        var targetMean = targetSum / n;
        double total = 0;
        foreach (var t in sample.Targets) total += (t - targetMean) * (t - targetMean);
        double q5 = sample.Quantile5, q95 = sample.Quantile95;
        return new RegressionQuality
        {
            Rows = n,
            DroppedRows = sample.Dropped,
            MeanError = Mean(sample.Errors),
            MeanAbsError = Mean(abs),
            MeanAbsPercError = 100 * Mean(percent),
            Rmse = Math.Sqrt(squares / n),
            R2Score = n < 2 ? double.NaN : total == 0 ? (squares == 0 ? 1 : 0) : 1 - squares / total,
            AbsErrorMax = max,
            ErrorStd = Std(sample.Errors),
            AbsErrorStd = Std(abs),
            AbsPercErrorStd = Std(percent),
            ErrorQuantile5 = q5,
            ErrorQuantile95 = q95,
            Underestimation = Group(sample.Errors, e => e <= q5),
            Majority = Group(sample.Errors, e => e > q5 && e < q95),
            Overestimation = Group(sample.Errors, e => e >= q95),
        };
    }

    /// <summary>numpy's float64 machine epsilon, Evidently's floor for the MAPE denominator.</summary>
    private const double Epsilon = 2.220446049250313e-16;

    private static ErrorGroup Group(double[] errors, Func<double, bool> member)
    {
        var values = errors.Where(member).ToArray();
        return new ErrorGroup(values.Length == 0 ? double.NaN : Mean(values), Std(values), values.Length);
    }

    internal static double Mean(double[] values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    internal static double Std(double[] values)
    {
        if (values.Length < 2) return double.NaN;
        var mean = Mean(values);
        double sum = 0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / (values.Length - 1));
    }

    private static string? FirstValue(Column column) =>
        Enumerable.Range(0, column.Length).Select(column.Format).FirstOrDefault(v => v is not null);

    /// <summary>The rows where target and prediction are both finite: their targets, errors and row numbers.</summary>
    internal sealed record Sample(double[] Targets, double[] Errors, int[] RowNumbers, long Dropped, double Quantile5, double Quantile95)
    {
        /// <summary>Row numbers (in the table) of the errors at or below the 5% quantile.</summary>
        public int[] UnderRows => Enumerable.Range(0, Errors.Length).Where(i => Errors[i] <= Quantile5).Select(i => RowNumbers[i]).ToArray();

        /// <summary>Row numbers (in the table) of the errors at or above the 95% quantile.</summary>
        public int[] OverRows => Enumerable.Range(0, Errors.Length).Where(i => Errors[i] >= Quantile95).Select(i => RowNumbers[i]).ToArray();

        public static Sample Of(DataTable data, string target, string prediction)
        {
            var t = ((NumericColumn)data[target]).Values;
            var p = ((NumericColumn)data[prediction]).Values;
            var rows = new List<int>(t.Length);
            for (var i = 0; i < t.Length; i++)
                if (double.IsFinite(t[i]) && double.IsFinite(p[i])) rows.Add(i);
            var targets = new double[rows.Count];
            var errors = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                targets[i] = t[rows[i]];
                errors[i] = p[rows[i]] - t[rows[i]];
            }
            var sorted = (double[])errors.Clone();
            Array.Sort(sorted);
            return sorted.Length == 0
                ? new Sample(targets, errors, [.. rows], t.Length - rows.Count, double.NaN, double.NaN)
                : new Sample(targets, errors, [.. rows], t.Length - rows.Count, Percentile.Linear(sorted, 5), Percentile.Linear(sorted, 95));
        }
    }
}
