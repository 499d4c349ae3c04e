namespace Fathom.Monitoring.Multivariate;

/// <summary>Settings of the multivariate drift checks, with NannyML's and Evidently's defaults where they have one.</summary>
public sealed record MultivariateOptions
{
    /// <summary>PCA keeps the fewest leading components explaining more than this share of variance (NannyML: 0.65).</summary>
    public double PcaExplainedVariance { get; init; } = 0.65;

    /// <summary>Alert outside reference chunk mean ± this many standard deviations (NannyML: 3).</summary>
    public double ThresholdStandardDeviations { get; init; } = 3;

    /// <summary>Rows beyond this chi-square quantile of the squared Mahalanobis distance are counted as far.</summary>
    public double MahalanobisQuantile { get; init; } = 0.975;

    /// <summary>The domain classifier drifts when its cross-validated ROC AUC is above this (Evidently: 0.55).</summary>
    public double DomainClassifierThreshold { get; init; } = 0.55;

    /// <summary>
    /// At most this many reference rows, drawn by a seeded generator, fit the feature encoding, the PCA/Mahalanobis
    /// model and the reference correlations. Every reference row is still scored for the chunk thresholds, and every
    /// current row for the judged means and the current correlations. At 100,000 rows the fitted figures stay within
    /// the tolerances stated in docs/monitoring-reports.md.
    /// </summary>
    public int ReferenceSampleRows { get; init; } = 100_000;

    /// <summary>Rows drawn from each dataset for the domain classifier.</summary>
    public int DomainClassifierSampleRows { get; init; } = 5000;

    public int DomainClassifierFolds { get; init; } = 5;

    public int DomainClassifierRounds { get; init; } = 40;

    public double DomainClassifierLearningRate { get; init; } = 0.2;

    /// <summary>Seed of the row sampling: the same data gives the same result.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>A correlation changing by more than this counts as changed (Evidently's TestCorrelationChanges: 0.25).</summary>
    public double CorrelationChangeThreshold { get; init; } = 0.25;
}
