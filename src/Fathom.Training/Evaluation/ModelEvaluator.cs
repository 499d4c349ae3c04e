using System.Text.RegularExpressions;
using Fathom.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Evaluation;

/// <summary>
/// Scores the validation rows. Log-loss, AUC, MAE, RMSE and R2 come from ML.NET's evaluators; accuracy, precision,
/// recall, F1 and the confusion matrix are computed here from the predicted labels (checked against scikit-learn in
/// tools/oracle/classification_metrics.py), because ML.NET reports per-class precision and recall but no F1 or macro means.
/// </summary>
internal static partial class ModelEvaluator
{
    [GeneratedRegex(@"[^A-Za-z0-9_\-. /]")]
    private static partial Regex UnsafeKeyCharacters();

    public static ModelEvaluation Evaluate(MLContext ml, IDataView scored, TrainingTask task)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        ConfusionMatrix? matrix = null;
        switch (task)
        {
            case TrainingTask.Regression:
                var regression = ml.Regression.Evaluate(scored, TrainingData.LabelColumn);
                metrics["mae"] = regression.MeanAbsoluteError;
                metrics["rmse"] = regression.RootMeanSquaredError;
                metrics["r2"] = regression.RSquared;
                break;
            case TrainingTask.Binary:
                if (scored.Schema.GetColumnOrNull("Probability") is not null)
                {
                    var calibrated = ml.BinaryClassification.Evaluate(scored, TrainingData.LabelColumn);
                    metrics["auc"] = calibrated.AreaUnderRocCurve;
                    metrics["log_loss"] = calibrated.LogLoss;
                }
                else
                {
                    metrics["auc"] = ml.BinaryClassification.EvaluateNonCalibrated(scored, TrainingData.LabelColumn).AreaUnderRocCurve;
                }
                matrix = BinaryMatrix(scored);
                break;
            default:
                metrics["log_loss"] = ml.MulticlassClassification.Evaluate(scored, TrainingData.LabelColumn).LogLoss;
                matrix = MulticlassMatrix(scored);
                break;
        }
        if (matrix is not null) AddClassificationMetrics(metrics, matrix);
        return new ModelEvaluation(metrics, matrix);
    }

    /// <summary>A class name made safe for a metric key (MLflow allows letters, digits and _ - . / and space).</summary>
    public static string MetricKey(string prefix, string className) => $"{prefix}_{UnsafeKeyCharacters().Replace(className, "_")}";

    private static void AddClassificationMetrics(Dictionary<string, double> metrics, ConfusionMatrix matrix)
    {
        var byClass = ClassificationMetrics.ByClass(matrix);
        var (precision, recall, f1) = ClassificationMetrics.Macro(byClass);
        metrics["accuracy"] = ClassificationMetrics.Accuracy(matrix);
        metrics["precision_macro"] = precision;
        metrics["recall_macro"] = recall;
        metrics["f1_macro"] = f1;
        foreach (var c in byClass)
        {
            metrics[MetricKey("precision", c.Class)] = c.Precision;
            metrics[MetricKey("recall", c.Class)] = c.Recall;
            metrics[MetricKey("f1", c.Class)] = c.F1;
        }
    }

    private static ConfusionMatrix BinaryMatrix(IDataView scored)
    {
        var actual = new List<int>();
        var predicted = new List<int>();
        using var cursor = scored.GetRowCursor([scored.Schema[TrainingData.LabelColumn], scored.Schema["PredictedLabel"]]);
        var label = cursor.GetGetter<bool>(scored.Schema[TrainingData.LabelColumn]);
        var prediction = cursor.GetGetter<bool>(scored.Schema["PredictedLabel"]);
        bool a = false, p = false;
        while (cursor.MoveNext())
        {
            label(ref a);
            prediction(ref p);
            actual.Add(a ? 1 : 0);
            predicted.Add(p ? 1 : 0);
        }
        return ConfusionMatrix.FromPairs(["false", "true"], [.. actual], [.. predicted]);
    }

    private static ConfusionMatrix MulticlassMatrix(IDataView scored)
    {
        var labelColumn = scored.Schema[TrainingData.LabelColumn];
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        labelColumn.GetKeyValues(ref names);
        var classes = names.DenseValues().Select(n => n.ToString()).ToList();
        var actual = new List<int>();
        var predicted = new List<int>();
        using var cursor = scored.GetRowCursor([labelColumn, scored.Schema["PredictedLabel"]]);
        var label = cursor.GetGetter<uint>(labelColumn);
        var prediction = cursor.GetGetter<uint>(scored.Schema["PredictedLabel"]);
        uint a = 0, p = 0;
        while (cursor.MoveNext())
        {
            label(ref a);
            prediction(ref p);
            // Keys count from 1; 0 is a validation label never seen in training, which no model can predict.
            actual.Add((int)a - 1);
            predicted.Add((int)p - 1);
        }
        return ConfusionMatrix.FromPairs(classes, [.. actual], [.. predicted]);
    }
}
