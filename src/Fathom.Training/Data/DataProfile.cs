using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Core.Tables;

namespace Fathom.Training.Data;

/// <summary>
/// Per-column statistics of the training table, logged as data_profile.json so a later drift check knows what the
/// model saw. One pass per column (no sorting, no duplicate search): cheap next to training even on millions of rows.
/// </summary>
internal static class DataProfile
{
    public const int TopCategories = 10;

    public static string ToJson(DataTable table, string path, string sha256)
    {
        var columns = new JsonArray();
        foreach (var column in table.Columns) columns.Add(Profile(column));
        var profile = new JsonObject
        {
            ["source"] = path,
            ["sha256"] = sha256,
            ["rows"] = table.RowCount,
            ["columns"] = columns,
        };
        return profile.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Profile(Column column)
    {
        var node = new JsonObject
        {
            ["name"] = column.Name,
            ["type"] = column.Kind switch { ColumnKind.Numeric => "numeric", ColumnKind.Categorical => "text", _ => "timestamp" },
            ["count"] = column.Length - column.MissingCount,
            ["missing"] = column.MissingCount,
        };
        switch (column)
        {
            case NumericColumn numbers: AddNumeric(node, numbers.Values); break;
            case CategoricalColumn text: AddCategorical(node, text); break;
            case TimestampColumn times: AddTimes(node, times); break;
        }
        return node;
    }

    private static void AddNumeric(JsonObject node, ReadOnlySpan<double> values)
    {
        // Welford's update: one pass, no catastrophic cancellation on large means.
        long n = 0;
        double mean = 0, m2 = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            n++;
            var delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (n == 0) return;
        node["mean"] = mean;
        node["std"] = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
        node["min"] = min;
        node["max"] = max;
    }

    private static void AddCategorical(JsonObject node, CategoricalColumn column)
    {
        var counts = column.CountPerCategory();
        node["distinct"] = counts.Count(c => c > 0);
        var top = new JsonObject();
        foreach (var i in Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0).OrderByDescending(i => counts[i]).Take(TopCategories))
            top[column.Categories[i]] = counts[i];
        node["top"] = top;
    }

    private static void AddTimes(JsonObject node, TimestampColumn column)
    {
        long min = long.MaxValue, max = long.MinValue;
        foreach (var t in column.Ticks)
        {
            if (t == TimestampColumn.MissingTicks) continue;
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }
        if (min > max) return;
        node["min"] = new DateTime(min, DateTimeKind.Utc).ToString("O");
        node["max"] = new DateTime(max, DateTimeKind.Utc).ToString("O");
    }
}
