using Fathom.Models.MlNet;
using Fathom.Models.Packaging;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Fathom.Models.Tests.MlNet;

/// <summary>
/// Tree models trained on the shared real datasets with the featurizer <c>fathom train</c> builds (missing
/// indicators, mean replacement, timestamp parts, one-hot, hashing, concatenation), saved as packages.
/// </summary>
internal static class TreeModels
{
    public static async Task<DataTable> PenguinsAsync() => await TableReader.ReadAsync(TestFiles.SharedData("penguins.json"));

    public static async Task<DataTable> WeatherAsync() => await TableReader.ReadAsync(TestFiles.SharedData("seattle-weather.csv"));

    /// <summary>Trains <paramref name="trainer"/> on the table's numeric and text columns and saves the package into <paramref name="folder"/>.</summary>
    public static string Train(DataTable table, Column label, Func<MLContext, IEstimator<ITransformer>> trainer, string folder,
        IReadOnlyList<string>? hashed = null, bool keyLabel = false)
    {
        var features = table.Columns.Where(c => c.Name != label.Name).ToList();
        var builder = new DataViewSchema.Builder();
        foreach (var column in features)
            builder.AddColumn(column.Name, column.Kind switch
            {
                ColumnKind.Numeric => NumberDataViewType.Single,
                ColumnKind.Timestamp => DateTimeDataViewType.Instance,
                _ => TextDataViewType.Instance,
            });
        builder.AddColumn("Label", label.Kind == ColumnKind.Numeric ? NumberDataViewType.Single
            : keyLabel ? TextDataViewType.Instance : BooleanDataViewType.Instance);
        var schema = builder.ToSchema();
        var view = new TableDataView(schema);
        view.Bind([.. features, label], 0, table.RowCount);

        var ml = new MLContext(seed: 1);
        var timestamps = features.Where(c => c.Kind == ColumnKind.Timestamp).Select(c => c.Name).ToArray();
        var numeric = features.Where(c => c.Kind == ColumnKind.Numeric).Select(c => c.Name).Concat(timestamps.SelectMany(TimestampFeatures.PartNames)).ToArray();
        var text = features.Where(c => c.Kind == ColumnKind.Categorical).Select(c => c.Name).ToArray();
        var withMissing = features.Where(c => c.Kind == ColumnKind.Numeric && c.MissingCount > 0).Select(c => c.Name).ToArray();
        var indicators = withMissing.Select(n => new InputOutputColumnPair(n + "_missing", n)).ToArray();
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var timestamp in timestamps) chain = chain.Append(TimestampFeatures.Estimator(ml, timestamp));
        if (indicators.Length > 0)
            chain = chain.Append(ml.Transforms.IndicateMissingValues(indicators))
                .Append(ml.Transforms.Conversion.ConvertType(indicators.Select(p => new InputOutputColumnPair(p.OutputColumnName)).ToArray(), DataKind.Single));
        chain = chain.Append(ml.Transforms.ReplaceMissingValues(numeric.Select(n => new InputOutputColumnPair(n)).ToArray(),
            MissingValueReplacingEstimator.ReplacementMode.Mean));
        var oneHot = text.Except(hashed ?? []).ToArray();
        if (oneHot.Length > 0) chain = chain.Append(ml.Transforms.Categorical.OneHotEncoding(oneHot.Select(n => new InputOutputColumnPair(n)).ToArray()));
        if (hashed is { Count: > 0 })
            chain = chain.Append(ml.Transforms.Categorical.OneHotHashEncoding(hashed.Select(n => new InputOutputColumnPair(n)).ToArray(), numberOfBits: 6));
        chain = chain.Append(ml.Transforms.Concatenate("Features", [.. numeric, .. indicators.Select(p => p.OutputColumnName), .. text]));
        var featurizer = chain.Fit(view);
        var trainingView = featurizer.Transform(view);
        ITransformer model;
        if (keyLabel)
        {
            var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(trainingView);
            var keyed = keys.Transform(trainingView);
            var predictor = trainer(ml).Fit(keyed);
            model = new TransformerChain<ITransformer>(featurizer, predictor, ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(predictor.Transform(keyed)));
        }
        else model = new TransformerChain<ITransformer>(featurizer, trainer(ml).Fit(trainingView));
        ModelPackage.SaveMlNet(model, schema, folder);
        return folder;
    }

    /// <summary>
    /// The model's outputs for the table, scored directly (blocks by leaf masks where the machine allows it, or with
    /// <paramref name="leafMasks"/> false by the table walk) and through ML.NET.
    /// </summary>
    public static (MlNetModel Direct, ModelOutput Fast, ModelOutput Reference) ScoreBothWays(string folder, DataTable input, bool leafMasks = true)
    {
        var direct = (MlNetModel)ModelLoader.Load(folder, new ModelLoadOptions { RejectExtraColumns = false, WalkTreesByLeafMasks = leafMasks });
        using var reference = ModelLoader.Load(folder, new ModelLoadOptions { RejectExtraColumns = false, ScoreTreesDirectly = false });
        return (direct, direct.Predict(input), reference.Predict(input));
    }

    public static void AssertSame(ModelOutput expected, ModelOutput actual)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        Assert.Equal(expected.Scores is null, actual.Scores is null);
        if (expected.Scores is { } scores)
        {
            Assert.Equal(scores.Classes, actual.Scores!.Classes);
            Assert.Equal(scores.IsProbability, actual.Scores.IsProbability);
            for (var i = 0; i < scores.Values.Length; i++)
            {
                var (x, y) = (scores.Values[i], actual.Scores.Values[i]);
                Assert.True(Math.Abs(x - y) <= 1e-6 * Math.Max(1, Math.Abs(x)), $"Score row {i / scores.ClassCount} class {i % scores.ClassCount}: ML.NET {x}, direct {y}");
            }
        }
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            for (var r = 0; r < expected.RowCount; r++)
            {
                var (e, a) = (expected.Columns[c], actual.Columns[c]);
                if (e is NumericColumn en && a is NumericColumn an)
                {
                    var (x, y) = (en.Values[r], an.Values[r]);
                    Assert.True(double.IsNaN(x) ? double.IsNaN(y) : Math.Abs(x - y) <= 1e-6 * Math.Max(1, Math.Abs(x)),
                        $"{e.Name} row {r}: ML.NET {x}, direct {y}");
                }
                else Assert.Equal(e.Format(r), a.Format(r));
            }
        }
    }
}
