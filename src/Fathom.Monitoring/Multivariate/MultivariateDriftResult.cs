namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// A per-row score averaged over the current data and judged against NannyML-style thresholds from the reference's
/// chunks (<see cref="ReferenceValue"/> is the reference's own mean).
/// </summary>
public sealed record ChunkedScore(double Value, double ReferenceValue, double LowerThreshold, double UpperThreshold, bool Drifted);

public sealed record PcaReconstruction(ChunkedScore Error, int Components, double ExplainedVariance);

/// <summary>
/// Mahalanobis distance of rows to the reference mean under the reference covariance. <see cref="ShareBeyond"/> is the
/// share of current rows whose squared distance exceeds the chi-square <see cref="Quantile"/> with one degree of freedom
/// per feature (<see cref="SquaredDistanceLimit"/>); the reference's own share is beside it for comparison.
/// </summary>
public sealed record MahalanobisDistance(ChunkedScore Distance, double Quantile, double SquaredDistanceLimit, double ShareBeyond,
    double ReferenceShareBeyond, bool Regularized);

public sealed record FeatureImportance(string Feature, double Importance);

/// <summary>The cross-validated ROC AUC of a classifier telling current rows from reference rows, and what it used.</summary>
public sealed record DomainClassifierResult(double RocAuc, double Threshold, bool Drifted, int ReferenceRows, int CurrentRows, int Folds,
    IReadOnlyList<FeatureImportance> Importance);

public sealed record CorrelationPair(string First, string Second, double Reference, double Current)
{
    public double Change => Current - Reference;
}

/// <summary>Pearson correlations of numerical features, reference vs current; pairs ordered by absolute change, largest first.</summary>
public sealed record CorrelationChange(double MaxAbsoluteChange, double Threshold, int ChangedPairs, bool Drifted, IReadOnlyList<CorrelationPair> Pairs);

/// <summary>
/// The multivariate drift section. A part is null when the data cannot support it; <see cref="Notes"/> says why, and
/// records fallbacks (a regularized covariance, constant columns, excluded all-missing columns).
/// </summary>
public sealed record MultivariateDriftResult(
    IReadOnlyList<string> Features,
    PcaReconstruction? Pca,
    MahalanobisDistance? Mahalanobis,
    DomainClassifierResult? DomainClassifier,
    CorrelationChange? Correlation,
    IReadOnlyList<string> Notes);
