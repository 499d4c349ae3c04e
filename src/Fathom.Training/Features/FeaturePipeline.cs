using Fathom.Core.Tables;
using Fathom.Models.MlNet;
using Fathom.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Fathom.Training.Features;

/// <summary>
/// The featurization estimators, fitted with the trainer so the saved model takes raw columns:
/// each timestamp first becomes its month, day of week and hour (<see cref="TimestampFeatures"/>); numeric inputs with missing values get a 0/1 "_missing" indicator and the training mean in their place; text
/// columns with at most <see cref="OneHotMaxDistinct"/> distinct values are one-hot encoded, wider ones hashed
/// into 2^<see cref="HashBits"/> slots (one-hot over thousands of ids would make a mostly empty, slow matrix);
/// everything is concatenated into <c>Features</c>, min-max normalized for the linear trainers.
/// </summary>
internal static class FeaturePipeline
{
    public const string FeaturesColumn = "Features";
    public const int OneHotMaxDistinct = 256;
    public const int HashBits = 12;

    public static IEstimator<ITransformer> Build(MLContext ml, TrainingData data, bool normalize)
    {
        var features = data.Features;
        var missing = MissingInputs(data.Table, features);
        var parts = new List<string>(features.NumericInputs);
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var timestamp in features.Timestamps) chain = chain.Append(TimestampFeatures.Estimator(ml, timestamp));
        if (missing.Count > 0)
        {
            var indicators = missing.Select(n => new InputOutputColumnPair(n + "_missing", n)).ToArray();
            chain = chain.Append(ml.Transforms.IndicateMissingValues(indicators))
                .Append(ml.Transforms.Conversion.ConvertType(indicators.Select(p => new InputOutputColumnPair(p.OutputColumnName)).ToArray(), DataKind.Single));
            parts.AddRange(indicators.Select(p => p.OutputColumnName));
        }
        if (features.NumericInputs.Count > 0)
            chain = chain.Append(ml.Transforms.ReplaceMissingValues(
                features.NumericInputs.Select(n => new InputOutputColumnPair(n)).ToArray(), MissingValueReplacingEstimator.ReplacementMode.Mean));
        var (oneHot, hashed) = SplitByCardinality(data.Table, features.Text);
        if (oneHot.Count > 0)
            chain = chain.Append(ml.Transforms.Categorical.OneHotEncoding(oneHot.Select(n => new InputOutputColumnPair(n)).ToArray()));
        if (hashed.Count > 0)
            chain = chain.Append(ml.Transforms.Categorical.OneHotHashEncoding(
                hashed.Select(n => new InputOutputColumnPair(n)).ToArray(), numberOfBits: HashBits));
        parts.AddRange(features.Text);
        chain = chain.Append(ml.Transforms.Concatenate(FeaturesColumn, [.. parts]));
        if (normalize) chain = chain.Append(ml.Transforms.NormalizeMinMax(FeaturesColumn));
        return chain;
    }

    /// <summary>Numeric inputs with a missing value in the table (a timestamp's parts share its missing rows).</summary>
    private static List<string> MissingInputs(DataTable table, FeatureSet features) =>
    [
        .. features.Numeric.Where(n => table[n].MissingCount > 0),
        .. features.Timestamps.Where(n => table[n].MissingCount > 0).SelectMany(TimestampFeatures.PartNames),
    ];

    /// <summary>Text columns split by how many distinct values they hold (dictionary entries actually used).</summary>
    public static (List<string> OneHot, List<string> Hashed) SplitByCardinality(DataTable table, IReadOnlyList<string> text)
    {
        var oneHot = new List<string>();
        var hashed = new List<string>();
        foreach (var name in text)
        {
            var distinct = ((CategoricalColumn)table[name]).CountPerCategory().Count(c => c > 0);
            (distinct <= OneHotMaxDistinct ? oneHot : hashed).Add(name);
        }
        return (oneHot, hashed);
    }
}
