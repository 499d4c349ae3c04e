using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fathom.Training.Evaluation;

/// <summary>Counts of validation rows by actual class (rows) and predicted class (columns), in class order.</summary>
public sealed class ConfusionMatrix
{
    public ConfusionMatrix(IReadOnlyList<string> classes, long[][] counts)
    {
        Classes = classes;
        Counts = counts;
    }

    public IReadOnlyList<string> Classes { get; }

    /// <summary><c>Counts[actual][predicted]</c>.</summary>
    public long[][] Counts { get; }

    /// <summary>Builds the matrix from class indices; rows with an index outside the classes are not counted.</summary>
    public static ConfusionMatrix FromPairs(IReadOnlyList<string> classes, ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        var counts = classes.Select(_ => new long[classes.Count]).ToArray();
        for (var i = 0; i < actual.Length; i++)
        {
            if ((uint)actual[i] < (uint)classes.Count && (uint)predicted[i] < (uint)classes.Count)
                counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(classes, counts);
    }

    public string ToJson() => JsonSerializer.Serialize(new { classes = Classes, matrix = Counts, rows = "actual", columns = "predicted" },
        new JsonSerializerOptions { WriteIndented = true });

    /// <summary>A header row of predicted classes; each line starts with the actual class.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.Append("actual\\predicted");
        foreach (var c in Classes) csv.Append(',').Append(Quote(c));
        csv.Append('\n');
        for (var i = 0; i < Classes.Count; i++)
        {
            csv.Append(Quote(Classes[i]));
            foreach (var n in Counts[i]) csv.Append(',').Append(n.ToString(CultureInfo.InvariantCulture));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
