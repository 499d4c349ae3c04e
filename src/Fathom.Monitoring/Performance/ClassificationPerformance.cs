namespace Fathom.Monitoring.Performance;

/// <summary>Classification quality of the reference and the current data, over one shared, sorted label list.</summary>
public sealed record ClassificationPerformance(
    string Target,
    IReadOnlyList<string> Labels,
    string? PositiveLabel,
    ClassificationQuality Reference,
    ClassificationQuality Current);

/// <summary>
/// One dataset's classification quality with Evidently 0.4's names. Binary (two labels): precision, recall and F1 are
/// the positive label's, and the rates (TPR, TNR, FPR, FNR) are given; multiclass: they are macro averages. ROC AUC,
/// PR AUC (average precision), log-loss and Brier need probabilities; for several classes they are one-vs-rest, macro
/// averaged over the classes where they are defined. Rows with a missing target or prediction are dropped (<see cref="DroppedRows"/>).
/// </summary>
public sealed record ClassificationQuality
{
    public long Rows { get; init; }

    public long DroppedRows { get; init; }

    public double Accuracy { get; init; }

    public double Precision { get; init; }

    public double Recall { get; init; }

    public double F1 { get; init; }

    public AveragedScores Macro { get; init; } = new(0, 0, 0);

    public AveragedScores Weighted { get; init; } = new(0, 0, 0);

    public BinaryRates? Rates { get; init; }

    public double? RocAuc { get; init; }

    public double? PrAuc { get; init; }

    public double? LogLoss { get; init; }

    public double? BrierScore { get; init; }

    public IReadOnlyList<ClassQuality> Classes { get; init; } = [];

    /// <summary>Rows are the actual labels, columns the predicted ones, both in <see cref="ClassificationPerformance.Labels"/> order.</summary>
    public long[][] ConfusionMatrix { get; init; } = [];

    /// <summary>ROC and PR curves: the positive label's for a binary task, one per class otherwise.</summary>
    public IReadOnlyList<ClassCurves> Curves { get; init; } = [];

    public IReadOnlyList<CalibrationCurve> Calibration { get; init; } = [];
}

public sealed record AveragedScores(double Precision, double Recall, double F1);

public sealed record BinaryRates(double TruePositiveRate, double TrueNegativeRate, double FalsePositiveRate, double FalseNegativeRate);

/// <summary>One class against the rest. Precision/recall/F1 are null for a class absent from this dataset's target and predictions.</summary>
public sealed record ClassQuality(string Label, double? Precision, double? Recall, double? F1, long Support, double? RocAuc, double? PrAuc);

public sealed record ClassCurves(string Label, Curve Roc, Curve PrecisionRecall);
