using System.Buffers;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;

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

    /// <summary>As above, with the reference side fitted once per <paramref name="cache"/> (the same reference against several windows).</summary>
    internal static MultivariateDriftResult Calculate(DataTable reference, DataTable current, DataDefinition definition, MultivariateOptions? options, ReferenceCache? cache)
    {
        options ??= new MultivariateOptions();
        Validate(options);
        return CalculateWithScores(reference, current, definition, options, keepScores: false, cache?.Multivariate(definition, options)).Result;
    }

    /// <summary>
    /// The result and, when PCA ran, the per-row scores of the current data (for per-window averages).
    /// <paramref name="fitted"/> is the reference side when the caller already has it (the same reference against
    /// several windows); it is fitted here otherwise.
    /// </summary>
    internal static (MultivariateDriftResult Result, CurrentRowScores? Scores) CalculateWithScores(DataTable reference, DataTable current, DataDefinition definition,
        MultivariateOptions options, bool keepScores = true, MultivariateReference? fitted = null)
    {
        Validate(options);
        if (fitted is not null && fitted.Key != MultivariateReference.KeyOf(definition, options)) fitted = null;
        var features = fitted?.Features ?? definition.DriftFeatures.Where(f => reference[f.Name].MissingCount < reference.RowCount).Select(f => f.Name).ToList();
        if (features.Count == 0)
        {
            fitted ??= MultivariateReference.Fit(reference, definition, options);
            return (new MultivariateDriftResult([], null, null, null, null, [.. fitted.Notes, "No numerical or categorical feature to analyse: multivariate drift needs at least one."]), null);
        }
        var notes = new List<string>();
        // The detectors are independent: the classifier and the current correlations run beside the PCA fit and scoring.
        var classifier = Task.Run(() => reference.RowCount >= MinimumClassifierRows && current.RowCount >= MinimumClassifierRows
            ? DomainClassifier.Run(reference, current, features, options)
            : null);
        var numerical = fitted?.Numerical ?? definition.DriftFeatures
            .Where(f => f.Type == FeatureType.Numerical && reference[f.Name] is NumericColumn && features.Contains(f.Name)).Select(f => f.Name).ToList();
        var currentCorrelations = Task.Run(() => numerical.Count >= 2 ? PearsonMatrix.Compute(current, numerical) : null);
        fitted ??= MultivariateReference.Fit(reference, definition, options);
        notes.AddRange(fitted.Notes);
        PcaReconstruction? pca = null;
        MahalanobisDistance? mahalanobis = null;
        CurrentRowScores? scores = null;
        if (fitted.Model is not null) (pca, mahalanobis, scores) = Reconstruction(fitted, current, keepScores);
        var domain = classifier.GetAwaiter().GetResult();
        if (domain is null) notes.Add($"The domain classifier needs at least {MinimumClassifierRows} rows in each dataset.");
        var correlationChange = Correlation(fitted, currentCorrelations.GetAwaiter().GetResult(), options, notes);
        // Notes come from the reference fit and the current side: ordered, so the same data gives the same report.
        var ordered = notes.Order(StringComparer.Ordinal).ToList();
        return (new MultivariateDriftResult(features, pca, mahalanobis, domain, correlationChange, ordered), scores);
    }

    private static (PcaReconstruction, MahalanobisDistance, CurrentRowScores?) Reconstruction(MultivariateReference fitted, DataTable current, bool keepScores)
    {
        var model = fitted.Model!;
        // Two per-row score arrays (8 MB each at a million rows) are pooled: a report needs only their means and shares.
        var pool = ArrayPool<double>.Shared;
        double[] currentErrors = pool.Rent(current.RowCount), currentDistances = pool.Rent(current.RowCount);
        try
        {
            model.Score(current, currentErrors, currentDistances);
            var curErrors = currentErrors.AsSpan(0, current.RowCount);
            var curDistances = currentDistances.AsSpan(0, current.RowCount);
            var pca = new PcaReconstruction(Judge(fitted.PcaThresholds!, curErrors), model.KeptComponents, model.ExplainedVarianceRatio);
            var mahalanobis = new MahalanobisDistance(Judge(fitted.MahalanobisThresholds!, curDistances), fitted.MahalanobisQuantile, fitted.SquaredDistanceLimit,
                ShareBeyond(curDistances, fitted.SquaredDistanceLimit), fitted.ReferenceShareBeyond, model.Ridge > 0);
            var scores = keepScores ? new CurrentRowScores(curErrors.ToArray(), curDistances.ToArray(), pca.Error, mahalanobis.Distance) : null;
            return (pca, mahalanobis, scores);
        }
        finally
        {
            pool.Return(currentErrors);
            pool.Return(currentDistances);
        }
    }

    private static ChunkedScore Judge(ChunkedScore thresholds, ReadOnlySpan<double> current)
    {
        var value = ChunkThreshold.Mean(current);
        return thresholds with { Value = value, Drifted = value < thresholds.LowerThreshold || value > thresholds.UpperThreshold };
    }

    internal static double ShareBeyond(ReadOnlySpan<double> distances, double squaredLimit)
    {
        var beyond = 0;
        foreach (var d in distances) if (d * d > squaredLimit) beyond++;
        return (double)beyond / distances.Length;
    }

    private static CorrelationChange? Correlation(MultivariateReference fitted, double[,]? after, MultivariateOptions options, List<string> notes)
    {
        var numerical = fitted.Numerical;
        if (fitted.Correlations is not { } before || after is null)
        {
            notes.Add("Correlation change needs at least two numerical features.");
            return null;
        }
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
        if (options.ReferenceSampleRows < MinimumReferenceRows) throw FathomException.InvalidParameter($"The multivariate reference sample needs at least {MinimumReferenceRows} rows.");
        if (options.DomainClassifierSampleRows < MinimumClassifierRows) throw FathomException.InvalidParameter($"The domain classifier needs at least {MinimumClassifierRows} sample rows per dataset.");
    }
}

/// <summary>Per-row PCA errors and Mahalanobis distances of the current data, with the thresholds they are judged by.</summary>
internal sealed record CurrentRowScores(double[] ReconstructionErrors, double[] MahalanobisDistances, ChunkedScore Pca, ChunkedScore Mahalanobis);
