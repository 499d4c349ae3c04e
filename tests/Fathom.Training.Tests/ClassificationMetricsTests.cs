using System.Text.Json;
using Fathom.Training.Evaluation;

namespace Fathom.Training.Tests;

/// <summary>Fathom's own classification metrics against scikit-learn (tools/oracle/classification_metrics.py).</summary>
public sealed class ClassificationMetricsTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load().EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Load() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "classification_metrics.json")))
            .RootElement.GetProperty("cases");

    private static JsonElement Case(string name) => Load().EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Doubles(JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static ConfusionMatrix Matrix(JsonElement c) => ConfusionMatrix.FromPairs(
        c.GetProperty("classes").EnumerateArray().Select(e => e.GetString()!).ToList(),
        c.GetProperty("actual").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
        c.GetProperty("predicted").EnumerateArray().Select(e => e.GetInt32()).ToArray());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Confusion_matrix_matches_scikit_learn(string name)
    {
        var c = Case(name);

        var expected = c.GetProperty("confusion_matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();

        Assert.Equal(expected, Matrix(c).Counts);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Accuracy_and_per_class_and_macro_precision_recall_f1_match_scikit_learn(string name)
    {
        var c = Case(name);
        var matrix = Matrix(c);

        var byClass = ClassificationMetrics.ByClass(matrix);
        var (precision, recall, f1) = ClassificationMetrics.Macro(byClass);

        Assert.Equal(c.GetProperty("accuracy").GetDouble(), ClassificationMetrics.Accuracy(matrix), Tolerance);
        AssertAll(Doubles(c, "precision"), byClass.Select(x => x.Precision));
        AssertAll(Doubles(c, "recall"), byClass.Select(x => x.Recall));
        AssertAll(Doubles(c, "f1"), byClass.Select(x => x.F1));
        Assert.Equal(Doubles(c, "support"), byClass.Select(x => (double)x.Support));
        Assert.Equal(c.GetProperty("precision_macro").GetDouble(), precision, Tolerance);
        Assert.Equal(c.GetProperty("recall_macro").GetDouble(), recall, Tolerance);
        Assert.Equal(c.GetProperty("f1_macro").GetDouble(), f1, Tolerance);
    }

    [Fact]
    public void Confusion_matrix_csv_has_predicted_classes_across_and_actual_classes_down()
    {
        var matrix = ConfusionMatrix.FromPairs(["no", "yes, really"], [0, 0, 1, 1, 1], [0, 1, 1, 1, 0]);

        Assert.Equal("actual\\predicted,no,\"yes, really\"\nno,1,1\n\"yes, really\",1,2\n", matrix.ToCsv());
        var json = JsonDocument.Parse(matrix.ToJson()).RootElement;
        Assert.Equal("[[1,1],[1,2]]", json.GetProperty("matrix").GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
    }

    private static void AssertAll(double[] expected, IEnumerable<double> actual)
    {
        var values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++) Assert.Equal(expected[i], values[i], Tolerance);
    }
}
