using Fathom.Monitoring.Drift;

namespace Fathom.Monitoring.Performance;

/// <summary>Regression quality of the reference and current data, the error histogram over shared bins, and the error bias per feature.</summary>
public sealed record RegressionPerformance(
    string Target,
    string Prediction,
    RegressionQuality Reference,
    RegressionQuality Current,
    Distribution ErrorHistogram,
    IReadOnlyList<FeatureErrorBias> ErrorBias);

/// <summary>
/// One dataset's regression quality with Evidently 0.4's names and definitions (<c>calculations/regression_performance.py</c>):
/// error = prediction - target; <see cref="MeanAbsPercError"/> is 100 · mean(|error| / max(target, ε)) (Evidently divides
/// by max(target, ε), so a zero or negative target gives a huge term, as there); <see cref="AbsPercErrorStd"/> is the
/// sample std of |error| / max(target, ε) as a fraction, not a percentage (as Evidently); the stds use n - 1. R² is sklearn's
/// r2_score (1 when the target is constant and predicted exactly, 0 when constant and not). Rows with a missing or
/// infinite target or prediction are dropped (<see cref="DroppedRows"/>).
/// </summary>
public sealed record RegressionQuality
{
    public long Rows { get; init; }

    public long DroppedRows { get; init; }

    public double MeanError { get; init; }

    public double MeanAbsError { get; init; }

    public double MeanAbsPercError { get; init; }

    public double Rmse { get; init; }

    public double R2Score { get; init; }

    public double AbsErrorMax { get; init; }

    public double ErrorStd { get; init; }

    public double AbsErrorStd { get; init; }

    public double AbsPercErrorStd { get; init; }

    /// <summary>Evidently's underperformance groups: errors at or below the 5% quantile, between, and at or above the 95% quantile.</summary>
    public ErrorGroup Underestimation { get; init; } = new(double.NaN, double.NaN, 0);

    public ErrorGroup Majority { get; init; } = new(double.NaN, double.NaN, 0);

    public ErrorGroup Overestimation { get; init; } = new(double.NaN, double.NaN, 0);

    public double ErrorQuantile5 { get; init; }

    public double ErrorQuantile95 { get; init; }
}

public sealed record ErrorGroup(double MeanError, double StdError, long Rows);

/// <summary>
/// Evidently's error bias table: a feature's typical value over all rows ("majority"), over the rows with the most
/// underestimated errors (at or below the error's 5% quantile, "under") and the most overestimated (at or above 95%,
/// "over"). Numerical: means, and range = 100 · |over - under| / (max - min); categorical: most frequent values
/// (ties: first seen), and range = 1 when they differ, else 0.
/// </summary>
public sealed record FeatureErrorBias(string Feature, string FeatureType, BiasValues Reference, BiasValues Current);

/// <summary>Numbers for a numerical feature, labels for a categorical one.</summary>
public sealed record BiasValues(object? Majority, object? Under, object? Over, double Range);
