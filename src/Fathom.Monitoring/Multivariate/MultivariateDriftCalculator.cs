using System.Buffers;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using MathNet.Numerics.Distributions;

namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// Drift of the features taken together: PCA reconstruction error and Mahalanobis distance (fitted on the reference,
/// thresholds from the reference's own chunks, as NannyML), a domain classifier, and the change of the correlation
/// matrix. Features are the numerical and categorical drift features; parts the data cannot support are left out
/// with a note rather than failing the whole report.
/// </summary>
public static class MultivariateDriftCalculator
{
    /// <summary>Fewest reference rows for PCA and Mahalanobis: NannyML's ten reference chunks need two rows each.</summary>
    public const int MinimumReferenceRows = 20;

    /// <summary>Fewest rows per dataset for the domain classifier (each of its folds needs both classes).</summary>
    public const int MinimumClassifierRows = 50;

    public static MultivariateDriftResult Calculate(DataTable reference, DataTable current, DataDefinition definition, MultivariateOptions? options = null) =>
        CalculateWithScores(reference, current, definition, options ?? new MultivariateOptions(), keepScores: false).Result;

    /// <summary>The result and, when PCA ran, the per-row scores of the current data (for per-window averages).</summary>
    internal static (MultivariateDriftResult Result, CurrentRowScores? Scores) CalculateWithScores(DataTable reference, DataTable current, DataDefinition definition,
        MultivariateOptions options, bool keepScores = true)
    {
        Validate(options);
        var notes = new List<string>();
        var features = new List<string>();
        foreach (var feature in definition.DriftFeatures)
        {
            if (reference[feature.Name].MissingCount == reference.RowCount) notes.Add($"'{feature.Name}' is left out: every reference value is missing.");
            else features.Add(feature.Name);
        }
        if (features.Count == 0)
            return (new MultivariateDriftResult([], null, null, null, null, [.. notes, "No numerical or categorical feature to analyse: multivariate drift needs at least one."]), null);

        var numerical = definition.DriftFeatures.Where(f => f.Type == FeatureType.Numerical && reference[f.Name] is NumericColumn && features.Contains(f.Name)).Select(f => f.Name).ToList();
        var classifier = Task.Run(() => reference.RowCount >= MinimumClassifierRows && current.RowCount >= MinimumClassifierRows
            ? DomainClassifier.Run(reference, current, features, options)
            : null);
        var correlation = Task.Run(() => Correlation(reference, current, numerical, options, notes));
        PcaReconstruction? pca = null;
        MahalanobisDistance? mahalanobis = null;
        CurrentRowScores? scores = null;
        if (reference.RowCount < Math.Max(MinimumReferenceRows, features.Count + 1))
        {
            lock (notes) notes.Add($"PCA and Mahalanobis distance need at least {Math.Max(MinimumReferenceRows, features.Count + 1)} reference rows (more than the {features.Count} features); the reference has {reference.RowCount}.");
        }
        else
        {
            (pca, mahalanobis, scores) = Reconstruction(reference, current, definition, features, options, notes, keepScores);
        }
        var domain = classifier.GetAwaiter().GetResult();
        if (domain is null) lock (notes) notes.Add($"The domain classifier needs at least {MinimumClassifierRows} rows in each dataset.");
        // Parts add notes from parallel tasks: wait for all of them, then order the notes so the same data gives the
        // same report.
        var correlationChange = correlation.GetAwaiter().GetResult();
        var ordered = notes.Order(StringComparer.Ordinal).ToList();
        return (new MultivariateDriftResult(features, pca, mahalanobis, domain, correlationChange, ordered), scores);
    }

    private static (PcaReconstruction, MahalanobisDistance, CurrentRowScores?) Reconstruction(DataTable reference, DataTable current, DataDefinition definition,
        List<string> features, MultivariateOptions options, List<string> notes, bool keepScores)
    {
        var encoder = FeatureEncoder.Fit(reference, features);
        if (encoder.ConstantColumns.Count > 0)
            lock (notes) notes.Add($"Constant in the reference (standardized to 0, so only their change shows in Mahalanobis distance): {string.Join(", ", encoder.ConstantColumns.Select(c => $"'{c}'"))}.");
        var model = ReferenceModel.Fit(reference, encoder, options.PcaExplainedVariance);
        if (model.Ridge > 0)
            lock (notes) notes.Add($"The reference covariance is singular (constant or collinear features): Mahalanobis distance adds {model.Ridge:G3} to every eigenvalue (a ridge of 1e-6 x the mean variance).");
        // Four per-row score arrays (8 MB each at a million rows) are pooled: a report needs only their means and shares.
        var pool = ArrayPool<double>.Shared;
        double[] referenceErrors = pool.Rent(reference.RowCount), referenceDistances = pool.Rent(reference.RowCount);
        double[] currentErrors = pool.Rent(current.RowCount), currentDistances = pool.Rent(current.RowCount);
        try
        {
            model.Score(reference, referenceErrors, referenceDistances);
            model.Score(current, currentErrors, currentDistances);
            var refErrors = referenceErrors.AsSpan(0, reference.RowCount);
            var refDistances = referenceDistances.AsSpan(0, reference.RowCount);
            var curErrors = currentErrors.AsSpan(0, current.RowCount);
            var curDistances = currentDistances.AsSpan(0, current.RowCount);
            var order = TimeOrder(reference, definition.Timestamp);
            var pca = new PcaReconstruction(Judge(refErrors, curErrors, order, options), model.KeptComponents, model.ExplainedVarianceRatio);
            var limit = ChiSquared.InvCDF(features.Count, options.MahalanobisQuantile);
            var mahalanobis = new MahalanobisDistance(Judge(refDistances, curDistances, order, options), options.MahalanobisQuantile, limit,
                ShareBeyond(curDistances, limit), ShareBeyond(refDistances, limit), model.Ridge > 0);
            var scores = keepScores ? new CurrentRowScores(curErrors.ToArray(), curDistances.ToArray(), pca.Error, mahalanobis.Distance) : null;
            return (pca, mahalanobis, scores);
        }
        finally
        {
            foreach (var array in new[] { referenceErrors, referenceDistances, currentErrors, currentDistances }) pool.Return(array);
        }
    }

    private static ChunkedScore Judge(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int[]? order, MultivariateOptions options)
    {
        var (lower, upper) = ChunkThreshold.Fit(reference, order, options.ThresholdStandardDeviations);
        var value = ChunkThreshold.Mean(current);
        return new ChunkedScore(value, ChunkThreshold.Mean(reference), lower, upper, value < lower || value > upper);
    }

    private static double ShareBeyond(ReadOnlySpan<double> distances, double squaredLimit)
    {
        var beyond = 0;
        foreach (var d in distances) if (d * d > squaredLimit) beyond++;
        return (double)beyond / distances.Length;
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

    private static CorrelationChange? Correlation(DataTable reference, DataTable current, List<string> numerical, MultivariateOptions options, List<string> notes)
    {
        if (numerical.Count < 2)
        {
            lock (notes) notes.Add("Correlation change needs at least two numerical features.");
            return null;
        }
        var before = PearsonMatrix.Compute(reference, numerical);
        var after = PearsonMatrix.Compute(current, numerical);
        var pairs = new List<CorrelationPair>();
        for (var a = 0; a < numerical.Count; a++)
            for (var b = a + 1; b < numerical.Count; b++)
                pairs.Add(new CorrelationPair(numerical[a], numerical[b], before[a, b], after[a, b]));
        var ordered = pairs.OrderByDescending(p => double.IsNaN(p.Change) ? -1 : Math.Abs(p.Change)).ToList();
        var max = ordered.Select(p => Math.Abs(p.Change)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        var changed = pairs.Count(p => Math.Abs(p.Change) > options.CorrelationChangeThreshold);
        return new CorrelationChange(max, options.CorrelationChangeThreshold, changed, changed > 0, ordered);
    }

    private static void Validate(MultivariateOptions options)
    {
        if (options.PcaExplainedVariance is <= 0 or >= 1) throw FathomException.InvalidParameter($"PCA explained variance {options.PcaExplainedVariance} must be in (0, 1).");
        if (options.MahalanobisQuantile is <= 0 or >= 1) throw FathomException.InvalidParameter($"Mahalanobis quantile {options.MahalanobisQuantile} must be in (0, 1).");
        if (options.DomainClassifierFolds < 2) throw FathomException.InvalidParameter("The domain classifier needs at least 2 folds.");
        if (options.DomainClassifierSampleRows < MinimumClassifierRows) throw FathomException.InvalidParameter($"The domain classifier needs at least {MinimumClassifierRows} sample rows per dataset.");
    }
}

/// <summary>Per-row PCA errors and Mahalanobis distances of the current data, with the thresholds they are judged by.</summary>
internal sealed record CurrentRowScores(double[] ReconstructionErrors, double[] MahalanobisDistances, ChunkedScore Pca, ChunkedScore Mahalanobis);
