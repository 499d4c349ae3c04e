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

    /// <summary>The distinct labels a column holds, without a string per row.</summary>
    public static IEnumerable<string> Distinct(Column column) => column switch
    {
        CategoricalColumn categories => categories.CountPerCategory().Select((n, i) => (n, i)).Where(p => p.n > 0).Select(p => categories.Categories[p.i]),
        NumericColumn numbers => DistinctNumbers(numbers.Values).Select(Quality.ColumnSummarizer.Format),
        _ => Of(column).OfType<string>().Distinct(StringComparer.Ordinal),
    };

    /// <summary>Each row's index in <paramref name="index"/> (-1 when missing), looking each distinct value up once.</summary>
    public static int[] Codes(Column column, IReadOnlyDictionary<string, int> index)
    {
        var codes = new int[column.Length];
        switch (column)
        {
            case CategoricalColumn categories:
                var map = categories.Categories.Select(c => index.TryGetValue(c, out var i) ? i : -1).ToArray();
                var source = categories.Codes;
                for (var row = 0; row < codes.Length; row++) codes[row] = source[row] == CategoricalColumn.MissingCode ? -1 : map[source[row]];
                break;
            case NumericColumn numbers:
                var cache = new Dictionary<double, int>();
                var values = numbers.Values;
                for (var row = 0; row < codes.Length; row++)
                {
                    var v = values[row];
                    if (double.IsNaN(v)) { codes[row] = -1; continue; }
                    if (!cache.TryGetValue(v, out var code)) cache.Add(v, code = index.TryGetValue(Quality.ColumnSummarizer.Format(v), out var i) ? i : -1);
                    codes[row] = code;
                }
                break;
            default:
                var labels = Of(column);
                for (var row = 0; row < codes.Length; row++) codes[row] = labels[row] is { } l && index.TryGetValue(l, out var i) ? i : -1;
                break;
        }
        return codes;
    }

    private static HashSet<double> DistinctNumbers(ReadOnlySpan<double> values)
    {
        var seen = new HashSet<double>();
        foreach (var v in values) if (!double.IsNaN(v)) seen.Add(v);
        return seen;
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
