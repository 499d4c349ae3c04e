using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;

namespace Fathom.Cli.Commands.Monitor;

/// <summary>
/// Turns the training data and the labeled prediction log into what classification performance takes: a <c>label</c>
/// column in the model's classes, the <c>prediction</c>, and one probability column per class when the model logs
/// probabilities. The server logs a binary ML.NET model's <c>Probability</c> (of "true") as <c>output_Probability</c>
/// and per-class scores as <c>output_&lt;name&gt;_&lt;class&gt;</c> (Fathom.Serving's Scorer.LogColumns); per-class
/// scores count as probabilities only when every reference row's scores sum to 1. A binary model predicts
/// "true"/"false": labels are mapped to those as <c>fathom train</c> reads a binary label (true/false, yes/no, 1/0),
/// or, with <c>--positive-class VALUE</c> and a label column holding VALUE, a label is "true" exactly when it equals VALUE.
/// </summary>
internal static class ClassificationLabels
{
    public const string Label = "label";
    private const string BinaryProbability = "output_Probability";

    /// <summary>The two performance tables and their mapping; notes say what was left out and why.</summary>
    public static (DataTable Reference, DataTable Current, ColumnMapping Mapping, List<string> Notes) Build(
        DataTable reference, DataTable labeled, string labelColumn, string? positiveClass, IReadOnlyList<(string Column, string Class)> scoreColumns)
    {
        var notes = new List<string>();
        if (!labeled.Contains(labelColumn))
            throw FathomException.InvalidParameter($"The labeled prediction log has no column '{labelColumn}' (--label-column); its columns: {string.Join(", ", labeled.ColumnNames)}.");
        var binary = reference["prediction"] is CategoricalColumn predicted && predicted.Categories.All(c => c is "true" or "false");
        Column ReferenceLabel() => binary ? Binary(reference[Label], positiveClass, "training label") : reference[Label];
        Column CurrentLabel() => binary ? Binary(labeled[labelColumn], positiveClass, $"joined label '{labelColumn}'") : labeled[labelColumn].Rename(Label);
        var referenceColumns = new List<Column> { ReferenceLabel(), reference["prediction"] };
        var currentColumns = new List<Column> { CurrentLabel(), labeled["prediction"] };
        var probabilities = new List<string>();
        if (binary && reference.Contains(BinaryProbability) && labeled.Contains(BinaryProbability))
        {
            foreach (var (table, columns) in new[] { (reference, referenceColumns), (labeled, currentColumns) })
            {
                var p = ((NumericColumn)table[BinaryProbability]).Values;
                var complement = new double[p.Length];
                for (var i = 0; i < p.Length; i++) complement[i] = 1 - p[i];
                columns.Add(new NumericColumn("false", complement));
                columns.Add(table[BinaryProbability].Rename("true"));
            }
            probabilities.AddRange(["false", "true"]);
        }
        else if (scoreColumns.Count > 0 && scoreColumns.All(s => labeled.Contains(s.Column)))
        {
            if (scoreColumns.Any(s => s.Class is Label or "prediction"))
                notes.Add("A class is named 'label' or 'prediction': the per-class scores are left out of classification performance.");
            else if (!SumToOne(reference, scoreColumns))
                notes.Add("The model's per-class scores do not sum to 1: they are not probabilities, so ROC AUC, PR AUC and log-loss are left out.");
            else
            {
                foreach (var (column, cls) in scoreColumns)
                {
                    referenceColumns.Add(reference[column].Rename(cls));
                    currentColumns.Add(labeled[column].Rename(cls));
                }
                probabilities.AddRange(scoreColumns.Select(s => s.Class));
            }
        }
        else
        {
            notes.Add("The prediction log holds no class probabilities: ROC AUC, PR AUC and log-loss are left out.");
        }
        var mapping = new ColumnMapping
        {
            Target = Label,
            Prediction = "prediction",
            PredictionProbabilities = probabilities.Count > 0 ? probabilities : null,
            Task = "classification",
        };
        return (new DataTable(referenceColumns), new DataTable(currentColumns), mapping, notes);
    }

    /// <summary>
    /// A label column as "true"/"false": when <paramref name="positiveClass"/> is one of its values, a label is true
    /// exactly when it equals it; otherwise every value must read as a boolean (the training labels of a model trained
    /// on 1/0 stay readable while the joined labels name the classes).
    /// </summary>
    internal static CategoricalColumn Binary(Column column, string? positiveClass, string what)
    {
        var texts = new string?[column.Length];
        var byClass = false;
        for (var row = 0; row < texts.Length; row++)
        {
            texts[row] = column.Format(row);
            byClass |= positiveClass is not null && texts[row] == positiveClass;
        }
        var codes = new int[texts.Length];
        for (var row = 0; row < codes.Length; row++)
        {
            var text = texts[row];
            codes[row] = text is null ? CategoricalColumn.MissingCode
                : byClass ? (text == positiveClass ? 1 : 0)
                : AsBoolean(text) is { } b ? (b ? 1 : 0)
                : throw FathomException.InvalidParameter(positiveClass is null
                    ? $"The {what} has value '{text}', which is not a binary label (true/false, yes/no, 1/0): name the positive class with --positive-class."
                    : $"The {what} has value '{text}', which is neither a binary label (true/false, yes/no, 1/0) nor, in any row, the positive class '{positiveClass}'.");
        }
        return new CategoricalColumn(Label, codes, ["false", "true"]);
    }

    private static bool? AsBoolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => null,
    };

    private static bool SumToOne(DataTable table, IReadOnlyList<(string Column, string Class)> scoreColumns)
    {
        var columns = scoreColumns.Select(s => ((NumericColumn)table[s.Column]).Values.ToArray()).ToArray();
        for (var row = 0; row < table.RowCount; row++)
        {
            double sum = 0;
            foreach (var c in columns) sum += c[row];
            if (!(Math.Abs(sum - 1) <= 1e-3)) return false;
        }
        return true;
    }
}
