using System.Globalization;
using Fathom.Core.Tables;

namespace Fathom.Monitoring.Performance;

/// <summary>
/// Class labels as text, whatever the column holds: numbers are written as the report writes them ("1", "2.5"), so a
/// numeric target and a text prediction (or probability columns named "0", "1") compare as the same labels.
/// </summary>
internal static class LabelValues
{
    /// <summary>The label of every row (null when missing).</summary>
    public static string?[] Of(Column column)
    {
        var labels = new string?[column.Length];
        switch (column)
        {
            case CategoricalColumn categories:
                var codes = categories.Codes;
                for (var i = 0; i < labels.Length; i++) labels[i] = codes[i] == CategoricalColumn.MissingCode ? null : categories.Categories[codes[i]];
                break;
            case NumericColumn numbers:
                var cache = new Dictionary<double, string>();
                var values = numbers.Values;
                for (var i = 0; i < labels.Length; i++)
                {
                    var v = values[i];
                    if (double.IsNaN(v)) continue;
                    if (!cache.TryGetValue(v, out var text)) cache.Add(v, text = Quality.ColumnSummarizer.Format(v));
                    labels[i] = text;
                }
                break;
            default:
                for (var i = 0; i < labels.Length; i++) labels[i] = column.Format(i);
                break;
        }
        return labels;
    }

    /// <summary>Evidently sorts labels (sorted(labels)): numerically when every label is a number, otherwise ordinally.</summary>
    public static List<string> Sorted(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        var numbers = distinct.Select(l => (Label: l, Ok: double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var v), Value: v)).ToList();
        return numbers.All(n => n.Ok)
            ? numbers.OrderBy(n => n.Value).Select(n => n.Label).ToList()
            : distinct.Order(StringComparer.Ordinal).ToList();
    }
}
