namespace Fathom.Training.Evaluation;

/// <summary>Validation metrics by name (see docs/training.md for each name) and, for classifiers, the confusion matrix.</summary>
public sealed record ModelEvaluation(IReadOnlyDictionary<string, double> Metrics, ConfusionMatrix? ConfusionMatrix)
{
    /// <summary>The metric a sweep ranks by: auc (binary), accuracy (multiclass), rmse (regression).</summary>
    public static string PrimaryMetric(TrainingTask task) => task switch
    {
        TrainingTask.Binary => "auc",
        TrainingTask.Multiclass => "accuracy",
        _ => "rmse",
    };

    public static bool HigherIsBetter(TrainingTask task) => task != TrainingTask.Regression;
}
