using Fathom.Core.Tables;

namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// Trains <see cref="BoostedTrees"/> to tell current rows from reference rows and measures how well it does on rows it
/// did not see: stratified k-fold cross-validation (the i-th row of each class goes to fold i mod k), out-of-fold
/// scores pooled into one ROC AUC, as NannyML's DomainClassifierCalculator does with LightGBM. At most
/// <see cref="MultivariateOptions.DomainClassifierSampleRows"/> rows per dataset are used, drawn by a seeded
/// generator, so the cost does not grow with the data and the result is reproducible.
/// </summary>
internal static class DomainClassifier
{
    public static DomainClassifierResult Run(DataTable reference, DataTable current, IReadOnlyList<string> features, MultivariateOptions options)
    {
        var random = new Random(options.Seed);
        var referenceRows = Sample(reference.RowCount, options.DomainClassifierSampleRows, random);
        var currentRows = Sample(current.RowCount, options.DomainClassifierSampleRows, random);
        var data = BinnedFeatures.Build(reference, current, features, referenceRows, currentRows);
        var folds = options.DomainClassifierFolds;
        var foldOf = new int[data.Rows];
        for (var i = 0; i < referenceRows.Length; i++) foldOf[i] = i % folds;
        for (var i = 0; i < currentRows.Length; i++) foldOf[referenceRows.Length + i] = i % folds;
        var scores = new double[data.Rows];
        var gains = ParallelColumns.Map(folds, fold =>
        {
            var train = Enumerable.Range(0, data.Rows).Where(r => foldOf[r] != fold).ToArray();
            var model = BoostedTrees.Train(data, train, options.DomainClassifierRounds, options.DomainClassifierLearningRate);
            for (var r = 0; r < data.Rows; r++) if (foldOf[r] == fold) scores[r] = model.Score(data, r);
            return model.Gains;
        });
        var total = new double[features.Count];
        foreach (var g in gains) for (var f = 0; f < total.Length; f++) total[f] += g[f];
        var sum = total.Sum();
        var importance = Enumerable.Range(0, features.Count)
            .Select(f => new FeatureImportance(features[f], sum > 0 ? total[f] / sum : 0))
            .OrderByDescending(f => f.Importance).ThenBy(f => f.Feature, StringComparer.Ordinal)
            .ToList();
        var auc = RocAuc.Compute(scores, data.Labels);
        return new DomainClassifierResult(auc, options.DomainClassifierThreshold, auc > options.DomainClassifierThreshold,
            referenceRows.Length, currentRows.Length, folds, importance);
    }

    /// <summary>Up to <paramref name="size"/> distinct row numbers, in increasing order (all rows when there are few).</summary>
    internal static int[] Sample(int rows, int size, Random random)
    {
        if (rows <= size) return Enumerable.Range(0, rows).ToArray();
        // Floyd's algorithm: exactly `size` distinct rows without materializing all row numbers.
        var chosen = new HashSet<int>();
        for (var j = rows - size; j < rows; j++)
        {
            var t = random.Next(j + 1);
            if (!chosen.Add(t)) chosen.Add(j);
        }
        var sample = chosen.ToArray();
        Array.Sort(sample);
        return sample;
    }
}

/// <summary>ROC AUC as the Mann-Whitney statistic: ties share their average rank (scikit-learn's roc_auc_score).</summary>
internal static class RocAuc
{
    public static double Compute(double[] scores, byte[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).ToArray();
        var keys = (double[])scores.Clone();
        Array.Sort(keys, order);
        double positiveRanks = 0;
        long positives = 0;
        for (var i = 0; i < keys.Length;)
        {
            var j = i;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            var rank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
                if (labels[order[k]] == 1) { positiveRanks += rank; positives++; }
            i = j;
        }
        long negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
