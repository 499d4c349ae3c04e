using Fathom.Core.Tables;
using Fathom.Models.Packaging;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Serving.Tests.Fixtures;

/// <summary>
/// Real ML.NET model packages, trained once per test run on synthetic data with ten numeric features f0..f9:
/// <see cref="Regressor"/> (version "1") and <see cref="RegressorV2"/> (other weights, same inputs), and
/// <see cref="OtherInputs"/> whose inputs are g0..g9 (it cannot score what clients of the others send).
/// Packages are written once and only read afterwards, so tests may share them.
/// </summary>
public static class TestModels
{
    public const int Features = 10;

    private static readonly Lazy<string> Root = new(() => Directory.CreateTempSubdirectory("fathom-serving-models-").FullName);
    private static readonly Lazy<string> RegressorFolder = new(() => Train("regressor", "f", 1.0f));
    private static readonly Lazy<string> RegressorV2Folder = new(() => Train("regressor-v2", "f", -2.0f));
    private static readonly Lazy<string> OtherInputsFolder = new(() => Train("other-inputs", "g", 1.0f));

    public static string Regressor => RegressorFolder.Value;

    public static string RegressorV2 => RegressorV2Folder.Value;

    public static string OtherInputs => OtherInputsFolder.Value;

    public static string[] FeatureNames(string prefix = "f") => Enumerable.Range(0, Features).Select(i => $"{prefix}{i}").ToArray();

    /// <summary>Rows with deterministic values; row r, feature i = (r + 1) * (i + 1) / 10.</summary>
    public static DataTable Rows(int count, string prefix = "f") => new(FeatureNames(prefix).Select((name, i) =>
        (Column)new NumericColumn(name, Enumerable.Range(0, count).Select(r => (r + 1) * (i + 1) / 10.0).ToArray())));

    private static string Train(string name, string prefix, float weight)
    {
        var folder = Path.Combine(Root.Value, name);
        var ml = new MLContext(seed: 7);
        var random = new Random(11);
        var rows = Enumerable.Range(0, 400).Select(_ =>
        {
            var row = new TrainingRow();
            var x = Enumerable.Range(0, Features).Select(_ => (float)random.NextDouble()).ToArray();
            row.Set(x, weight * x.Select((v, i) => v * (i + 1)).Sum());
            return row;
        }).ToArray();
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        for (var i = 0; i < Features; i++) schema[$"F{i}"].ColumnName = $"{prefix}{i}";
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var pipeline = ml.Transforms.Concatenate("Features", FeatureNames(prefix))
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", maximumNumberOfIterations: 50));
        var model = pipeline.Fit(data);
        ModelPackage.SaveMlNet(model, data.Schema, folder, inputExample: Rows(2, prefix));
        return folder;
    }

    private sealed class TrainingRow
    {
        public float F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, Label;

        public void Set(float[] x, float label)
        {
            (F0, F1, F2, F3, F4, F5, F6, F7, F8, F9) = (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9]);
            Label = label;
        }
    }
}
