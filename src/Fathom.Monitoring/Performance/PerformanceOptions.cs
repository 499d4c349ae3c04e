namespace Fathom.Monitoring.Performance;

/// <summary>How model performance is computed (Evidently 0.4's defaults).</summary>
public sealed record PerformanceOptions
{
    /// <summary>The positive class of a binary task; by default "1" when it is a label, otherwise the last label in sorted order.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>A binary prediction given as probabilities is the positive class when its probability is at least this.</summary>
    public double ProbabilityThreshold { get; init; } = 0.5;

    /// <summary>Points kept per ROC/PR curve in reports (evenly spaced along the curve; the AUCs use every point).</summary>
    public int CurvePoints { get; init; } = 200;

    /// <summary>Equal-width probability bins of the reliability (calibration) curve, as sklearn's calibration_curve(n_bins=10).</summary>
    public int CalibrationBins { get; init; } = 10;

    /// <summary>Bins of the error histogram of a regression.</summary>
    public int ErrorHistogramBins { get; init; } = 20;
}
