using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fathom.Models.Packaging;

/// <summary>
/// The input example saved with a model, as MLflow 2.17 saves a pandas DataFrame example: <c>input_example.json</c>
/// holds <c>{"columns": [...], "data": [[...], ...]}</c> (pandas' split orient without the index) and
/// <c>serving_input_example.json</c> the request body <c>{"dataframe_split": {...}}</c> that the scoring server takes.
/// </summary>
public static class InputExample
{
    /// <summary>File name of the example.</summary>
    public const string FileName = "input_example.json";

    /// <summary>File name of the serving request body built from the example.</summary>
    public const string ServingFileName = "serving_input_example.json";

    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes both files into <paramref name="folder"/> and returns MLflow's <c>saved_input_example_info</c>.</summary>
    /// <param name="example">A few rows of model input.</param>
    /// <param name="folder">The package folder.</param>
    /// <returns>artifact_path, type, pandas_orient and serving_input_path.</returns>
    public static IDictionary<string, object?> Save(DataTable example, string folder)
    {
        var split = SplitJson(example);
        File.WriteAllText(Path.Combine(folder, FileName), split);
        using (var doc = JsonDocument.Parse("{\"dataframe_split\": " + split + "}"))
        {
            // MLflow writes the serving example with indent=2.
            File.WriteAllText(Path.Combine(folder, ServingFileName),
                JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions { WriteIndented = true, IndentSize = 2, Encoder = TextOptions.Encoder }));
        }
        return new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["artifact_path"] = FileName,
            ["pandas_orient"] = "split",
            ["serving_input_path"] = ServingFileName,
            ["type"] = "dataframe",
        };
    }

    /// <summary>Reads a package's input example back as a table, or null when it has none.</summary>
    /// <param name="folder">The package folder.</param>
    /// <param name="metadata">Its MLmodel file.</param>
    /// <returns>The example rows.</returns>
    public static DataTable? Load(string folder, MlModelFile metadata)
    {
        if (metadata.SavedInputExampleInfo?.Get("artifact_path") is not string path) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, path)));
        var root = doc.RootElement;
        if (!root.TryGetProperty("columns", out var columns) || !root.TryGetProperty("data", out var data))
            throw FathomException.InvalidParameter($"{path}: only dataframe examples in split orient can be read.");
        return SplitTable.Read(columns, data, path);
    }

    /// <summary>The table as pandas' split-orient JSON without the index, as Python's json.dumps writes it.</summary>
    internal static string SplitJson(DataTable table)
    {
        var sb = new StringBuilder("{\"columns\": [");
        sb.AppendJoin(", ", table.ColumnNames.Select(n => JsonSerializer.Serialize(n, TextOptions)));
        sb.Append("], \"data\": [");
        for (var row = 0; row < table.RowCount; row++)
        {
            if (row > 0) sb.Append(", ");
            sb.Append('[');
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (c > 0) sb.Append(", ");
                sb.Append(Value(table.Columns[c], row));
            }
            sb.Append(']');
        }
        return sb.Append("]}").ToString();
    }

    private static string Value(Column column, int row)
    {
        if (column.IsMissing(row)) return "null";
        return column switch
        {
            NumericColumn { IsInteger: true } n => n.Values[row].ToString("0", CultureInfo.InvariantCulture),
            // Python writes floats with a decimal point (1.0), so the type survives the round trip.
            NumericColumn n => FormatFloat(n.Values[row]),
            _ => JsonSerializer.Serialize(column.Format(row), TextOptions),
        };
    }

    private static string FormatFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text.Replace("E", "e") : text + ".0";
    }
}
