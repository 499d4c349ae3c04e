using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Models.Tests.MlNet;

/// <summary>Tiny deterministic ML.NET models trained in the tests, and the same rows as a Fathom table.</summary>
internal static class MlNetTraining
{
    public sealed class Row
    {
        public float A { get; set; }
        public float B { get; set; }
        public string City { get; set; } = "";
        public float Amount { get; set; }
        public string Kind { get; set; } = "";
        public bool Churned { get; set; }
    }

    private static readonly string[] Cities = ["Oslo", "Lima", "Pune"];

    public static Row[] Rows(int count, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var a = (float)random.NextDouble() * 10;
            var b = (float)random.NextDouble() * 4 - 2;
            var city = Cities[random.Next(Cities.Length)];
            var noise = (float)random.NextDouble();
            return new Row
            {
                A = a,
                B = b,
                City = city,
                Amount = 3 * a - 2 * b + (city == "Lima" ? 5 : 0) + noise,
                Kind = a > 6 ? "big" : b > 0 ? "mid" : "small",
                Churned = a + 3 * b + noise > 5,
            };
        }).ToArray();
    }

    public static (MLContext Context, ITransformer Model, IDataView Data) Train(string task, Row[] rows)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var features = ml.Transforms.Categorical.OneHotEncoding("CityHot", "City")
            .Append(ml.Transforms.Concatenate("Features", "A", "B", "CityHot"));
        ITransformer model = task switch
        {
            "regression" => features.Append(ml.Regression.Trainers.Sdca("Amount", maximumNumberOfIterations: 20)).Fit(data),
            "binary" => features.Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression("Churned")).Fit(data),
            _ => features.Append(ml.Transforms.Conversion.MapValueToKey("Label", "Kind"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(data),
        };
        return (ml, model, data);
    }

    /// <summary>The feature columns of the rows as a Fathom table (labels left out, as at prediction time).</summary>
    public static DataTable Table(Row[] rows)
    {
        var cityCodes = rows.Select(r => Array.IndexOf(Cities, r.City)).ToArray();
        return new DataTable([
            new NumericColumn("A", rows.Select(r => (double)r.A).ToArray()),
            new NumericColumn("B", rows.Select(r => (double)r.B).ToArray()),
            new CategoricalColumn("City", cityCodes, Cities),
        ]);
    }

    public static T[] Column<T>(IDataView predictions, string name) => predictions.GetColumn<T>(name).ToArray();
}
