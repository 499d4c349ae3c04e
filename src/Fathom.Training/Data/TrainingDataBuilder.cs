using System.Globalization;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Microsoft.ML.Data;

namespace Fathom.Training.Data;

/// <summary>Finds the label (a column, or a <see cref="LabelExpression"/>) and the features of a table.</summary>
internal static class TrainingDataBuilder
{
    public static TrainingData Build(DataTable table, string path, TrainingTask task, string? label, string? labelExpression,
        IReadOnlyList<string>? features, FeatureSet? trainingFeatures = null)
    {
        // A validation table is read with the training table's features, whose kinds it must match.
        var isValidation = trainingFeatures is not null;
        if (table.Columns.Count == 0 || table.RowCount == 0)
            throw FathomException.InvalidParameter($"{path}: the file is empty (no {(table.Columns.Count == 0 ? "header or columns" : "data rows")}).");
        var expression = labelExpression is null ? null : LabelExpression.Parse(labelExpression);
        var source = expression?.Column ?? label
            ?? throw FathomException.InvalidParameter("Give the label: --label COLUMN, or --label-expr \"column > number\" for a binary label.");
        if (!table.TryGetColumn(source, out var column))
            throw FathomException.InvalidParameter($"{path}: there is no label column '{source}' (columns: {string.Join(", ", table.ColumnNames)}).");
        if (expression is not null && task != TrainingTask.Binary)
            throw FathomException.InvalidParameter("--label-expr makes a binary label; use it with --task binary.");

        var (labelColumn, known) = task switch
        {
            TrainingTask.Regression => RegressionLabel(column, path),
            TrainingTask.Binary => BinaryLabel(expression?.Evaluate(column, path) ?? BooleanValues(column, path), path, source, isValidation),
            _ => MulticlassLabel(column, path, isValidation),
        };
        var rows = new List<int>(table.RowCount);
        for (var i = 0; i < known.Length; i++) if (known[i]) rows.Add(i);
        if (rows.Count == 0)
            throw FathomException.InvalidParameter($"{path}: every value of the label column '{source}' is missing.");
        var featureSet = trainingFeatures ?? FeatureSelector.Select(table, path, features, source);
        return new TrainingData
        {
            Path = path,
            Table = table,
            Features = featureSet,
            FeatureColumns = FeatureColumns.Build(table, featureSet, path),
            Label = labelColumn,
            LabeledRows = [.. rows],
        };
    }

    private static (ViewColumn, bool[]) RegressionLabel(Column column, string path)
    {
        if (column is not NumericColumn numbers)
            throw NotNumeric(column, path, "regression needs a numeric label");
        var values = numbers.Values;
        var known = new bool[values.Length];
        for (var i = 0; i < known.Length; i++) known[i] = !double.IsNaN(values[i]);
        return (FeatureColumns.Numeric(TrainingData.LabelColumn, numbers), known);
    }

    private static (ViewColumn, bool[]) BinaryLabel(bool?[] labels, string path, string source, bool isValidation)
    {
        var values = labels.Select(l => l ?? false).ToArray();
        var known = labels.Select(l => l.HasValue).ToArray();
        var positives = labels.Count(l => l == true);
        var negatives = labels.Count(l => l == false);
        // A model can only learn from both classes; a validation file may hold one.
        if (!isValidation && (positives == 0 || negatives == 0))
            throw FathomException.InvalidParameter($"{path}: the binary label from '{source}' is {(positives == 0 ? "false" : "true")} on every row; both classes are needed.");
        return (new ViewColumn<bool>(TrainingData.LabelColumn, BooleanDataViewType.Instance, row => values[row]), known);
    }

    private static readonly Dictionary<string, bool> BooleanWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["true"] = true, ["false"] = false, ["yes"] = true, ["no"] = false, ["1"] = true, ["0"] = false, ["t"] = true, ["f"] = false,
    };

    private static bool?[] BooleanValues(Column column, string path)
    {
        var labels = new bool?[column.Length];
        for (var row = 0; row < labels.Length; row++)
        {
            var text = column.Format(row);
            if (text is null) continue;
            labels[row] = BooleanWords.TryGetValue(text, out var value) ? value : throw FathomException.InvalidParameter(
                $"{path}, row {row + 1}, column '{column.Name}': '{text}' is not a binary label (true/false, yes/no, 1/0); " +
                "use --label-expr \"column > number\" or --task multiclass.");
        }
        return labels;
    }

    private static (ViewColumn, bool[]) MulticlassLabel(Column column, string path, bool isValidation)
    {
        if (column is TimestampColumn)
            throw FathomException.InvalidParameter($"{path}: the label column '{column.Name}' holds timestamps, which are not classes.");
        var classes = new Dictionary<string, ReadOnlyMemory<char>>(StringComparer.Ordinal);
        var labels = new ReadOnlyMemory<char>[column.Length];
        var known = new bool[column.Length];
        for (var row = 0; row < labels.Length; row++)
        {
            var text = column.Format(row);
            if (text is null) continue;
            if (!classes.TryGetValue(text, out var memory)) classes[text] = memory = text.AsMemory();
            labels[row] = memory;
            known[row] = true;
        }
        if (classes.Count < 2 && !isValidation)
            throw FathomException.InvalidParameter($"{path}: the label column '{column.Name}' has {classes.Count} class; multiclass needs at least two.");
        return (new ViewColumn<ReadOnlyMemory<char>>(TrainingData.LabelColumn, TextDataViewType.Instance, row => labels[row]), known);
    }

    private static FathomException NotNumeric(Column column, string path, string why)
    {
        var row = Enumerable.Range(0, column.Length).First(r => !column.IsMissing(r));
        return FathomException.InvalidParameter(
            $"{path}, row {(row + 1).ToString(CultureInfo.InvariantCulture)}, column '{column.Name}': '{column.Format(row)}' is {FeatureColumns.Describe(column)}, not a number; {why}.");
    }
}
