using System.Buffers;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using MathNet.Numerics.Distributions;

namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// Everything multivariate drift learns from the reference alone: which features take part, the PCA/Mahalanobis
/// model, the reference's own chunk thresholds and score means, and its correlation matrix. Computed once per
/// reference, so per-window reports (and <c>monitor model</c>'s second report) only score the current rows.
/// </summary>
internal sealed class MultivariateReference
{
    private MultivariateReference(string key, List<string> features, List<string> numerical, List<string> notes)
    {
        Key = key;
        Features = features;
        Numerical = numerical;
        Notes = notes;
    }

    /// <summary>The feature names and types and the options it was fitted for: anything else needs another fit.</summary>
    public string Key { get; }

    public List<string> Features { get; }

    public List<string> Numerical { get; }

    /// <summary>What the reference made the checks leave out or regularize.</summary>
    public List<string> Notes { get; }

    /// <summary>Null when the reference has too few rows for PCA and Mahalanobis distance.</summary>
    public ReferenceModel? Model { get; private set; }

    public ChunkedScore? PcaThresholds { get; private set; }

    public ChunkedScore? MahalanobisThresholds { get; private set; }

    public double SquaredDistanceLimit { get; private set; }

    public double MahalanobisQuantile { get; private set; }

    public double ReferenceShareBeyond { get; private set; }

    /// <summary>Pearson correlations of <see cref="Numerical"/> over the reference (null with fewer than two).</summary>
    public double[,]? Correlations { get; private set; }

    public static string KeyOf(DataDefinition definition, MultivariateOptions options) =>
        string.Join('\n', definition.DriftFeatures.Select(f => $"{f.Name}\t{f.Type}"))
        + $"\n{definition.Timestamp}\n{options.PcaExplainedVariance:R} {options.ThresholdStandardDeviations:R} {options.MahalanobisQuantile:R}"
        + $" {options.ReferenceSampleRows} {options.Seed}";

    public static MultivariateReference Fit(DataTable reference, DataDefinition definition, MultivariateOptions options)
    {
        var notes = new List<string>();
        var features = new List<string>();
        foreach (var feature in definition.DriftFeatures)
        {
            if (reference[feature.Name].MissingCount == reference.RowCount) notes.Add($"'{feature.Name}' is left out: every reference value is missing.");
            else features.Add(feature.Name);
        }
        var numerical = definition.DriftFeatures
            .Where(f => f.Type == FeatureType.Numerical && reference[f.Name] is NumericColumn && features.Contains(f.Name)).Select(f => f.Name).ToList();
        var fitted = new MultivariateReference(KeyOf(definition, options), features, numerical, notes);
        if (features.Count == 0) return fitted;
        var minimum = Math.Max(MultivariateDriftCalculator.MinimumReferenceRows, features.Count + 1);
        // The fit (encoding, covariance, correlations) needs a sample, not every row: its figures converge long
        // before a million rows. Scoring for the thresholds still walks the whole reference.
        var sample = reference.RowCount <= options.ReferenceSampleRows
            ? null
            : DomainClassifier.Sample(reference.RowCount, options.ReferenceSampleRows, new Random(options.Seed));
        // A feature that is almost entirely missing may have no value in the sample: then fit on every row.
        if (sample is not null && features.Any(f => sample.All(reference[f].IsMissing))) sample = null;
        if (reference.RowCount < minimum)
            notes.Add($"PCA and Mahalanobis distance need at least {minimum} reference rows (more than the {features.Count} features); the reference has {reference.RowCount}.");
        else
            fitted.FitModel(reference, sample, definition.Timestamp, options);
        if (numerical.Count >= 2)
        {
            var model = fitted.Model;
            // The PCA fit already summed the standardized reference's cross-products: complete numerical columns take
            // their correlations from it instead of a second pass over the reference.
            Func<string, string, double>? known = model is null
                ? null
                : (a, b) => model.Correlation(features.IndexOf(a), features.IndexOf(b));
            fitted.Correlations = PearsonMatrix.Compute(reference, numerical, known, model is null ? null : sample);
        }
        return fitted;
    }

    private void FitModel(DataTable reference, int[]? sample, string? timestamp, MultivariateOptions options)
    {
        var encoder = FeatureEncoder.Fit(reference, Features, sample);
        if (encoder.ConstantColumns.Count > 0)
            Notes.Add($"Constant in the reference (standardized to 0, so only their change shows in Mahalanobis distance): {string.Join(", ", encoder.ConstantColumns.Select(c => $"'{c}'"))}.");
        var model = Model = ReferenceModel.Fit(reference, encoder, options.PcaExplainedVariance, sample);
        if (model.Ridge > 0)
            Notes.Add($"The reference covariance is singular (constant or collinear features): Mahalanobis distance adds {model.Ridge:G3} to every eigenvalue (a ridge of 1e-6 x the mean variance).");
        // The per-row score arrays (8 MB each at a million rows) are pooled: only their chunk means and shares are kept.
        var pool = ArrayPool<double>.Shared;
        double[] errors = pool.Rent(reference.RowCount), distances = pool.Rent(reference.RowCount);
        try
        {
            model.Score(reference, errors, distances);
            var order = TimeOrder(reference, timestamp);
            PcaThresholds = Thresholds(errors.AsSpan(0, reference.RowCount), order, options);
            MahalanobisThresholds = Thresholds(distances.AsSpan(0, reference.RowCount), order, options);
            MahalanobisQuantile = options.MahalanobisQuantile;
            SquaredDistanceLimit = ChiSquared.InvCDF(Features.Count, options.MahalanobisQuantile);
            ReferenceShareBeyond = MultivariateDriftCalculator.ShareBeyond(distances.AsSpan(0, reference.RowCount), SquaredDistanceLimit);
        }
        finally
        {
            pool.Return(errors);
            pool.Return(distances);
        }
    }

    // The judged value is left at the reference mean: Judge puts the current mean in its place.
    private static ChunkedScore Thresholds(ReadOnlySpan<double> scores, int[]? order, MultivariateOptions options)
    {
        var (lower, upper) = ChunkThreshold.Fit(scores, order, options.ThresholdStandardDeviations);
        var mean = ChunkThreshold.Mean(scores);
        return new ChunkedScore(mean, mean, lower, upper, false);
    }

    // NannyML sorts the reference by its timestamp before chunking it; rows already in time order need no sort.
    private static int[]? TimeOrder(DataTable reference, string? timestamp)
    {
        if (timestamp is null || reference[timestamp] is not TimestampColumn times) return null;
        var ticks = times.Ticks;
        var sorted = true;
        for (var i = 1; i < ticks.Length && sorted; i++) sorted = ticks[i - 1] <= ticks[i];
        if (sorted) return null;
        return Enumerable.Range(0, ticks.Length).OrderBy(i => times.Ticks[i]).ToArray();
    }
}
