using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Models.MlNet;

namespace Fathom.Training.Data;

/// <summary>Chooses the feature columns: the ones asked for, or every column but the label's source.</summary>
internal static class FeatureSelector
{
    // ML.NET's pipeline uses these names for its own columns; a feature with one of them would be overwritten.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "Label", "Features", "Score", "PredictedLabel", "Probability" };

    public static FeatureSet Select(DataTable table, string path, IReadOnlyList<string>? requested, string labelSource)
    {
        var names = requested is { Count: > 0 } ? requested : table.ColumnNames.Where(n => n != labelSource).ToList();
        var numeric = new List<string>();
        var text = new List<string>();
        var timestamps = new List<string>();
        foreach (var name in names)
        {
            if (!table.TryGetColumn(name, out var column))
                throw FathomException.InvalidParameter($"{path}: --features names column '{name}', which is not in the file (columns: {string.Join(", ", table.ColumnNames)}).");
            if (name == labelSource)
                throw FathomException.InvalidParameter($"{path}: column '{name}' is the label's source and cannot also be a feature.");
            if (Reserved.Contains(name) || TimestampFeatures.IsPartName(name, out var timestamp) && table.Contains(timestamp))
                throw FathomException.InvalidParameter($"{path}: column '{name}' has a name the training pipeline uses itself; rename it.");
            (column.Kind switch { ColumnKind.Numeric => numeric, ColumnKind.Categorical => text, _ => timestamps }).Add(name);
        }
        if (numeric.Count + text.Count + timestamps.Count == 0)
            throw FathomException.InvalidParameter($"{path}: there is no feature column left besides the label '{labelSource}'.");
        return new FeatureSet(numeric, text, timestamps);
    }
}
