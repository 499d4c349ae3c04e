using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// Follows the raw input columns through a model's featurizer to the predictor's <c>Features</c> column, transform by
/// transform, accepting only those whose effect per column is known: Fathom's timestamp parts, column copies and
/// drops, missing-value indicators and replacement, conversion to Single, dictionary or hash keys, one-hot of keys,
/// and concatenation (the featurizer
/// <c>fathom train</c> builds). Anything else, or a predictor that is not last (a multiclass model's mapping of its
/// predicted key back to the label aside), means the model is scored by ML.NET.
/// The result says which input feeds each slot; the values a transform substitutes (means, key slots) are then read
/// by running ML.NET itself on probe rows (<see cref="TreeFeaturizer"/>).
/// </summary>
internal static class FeaturizerTrace
{
    /// <summary>The feature vector's parts in slot order and the predictor, or null when the chain is not understood.</summary>
    public static (FeaturePart[] Parts, ITransformer Predictor)? Trace(ITransformer model, DataViewSchema inputSchema)
    {
        var steps = Flatten(model).ToList();
        // A multiclass model ends by mapping its predicted key back to the label; the output plan reads that column's
        // labels, so only the predictor before it matters here.
        if (steps.Count > 1 && steps[^1].GetType().Name == "KeyToValueMappingTransformer"
            && ColumnPairs(steps[^1]) is [("PredictedLabel", "PredictedLabel")]) steps.RemoveAt(steps.Count - 1);
        if (steps.Count == 0 || steps[^1] is not ISingleFeaturePredictionTransformer<object> predictor) return null;
        var columns = new Dictionary<string, FeaturePart[]>(StringComparer.Ordinal);
        for (var i = 0; i < inputSchema.Count; i++)
        {
            var type = inputSchema[i].Type;
            if (type == NumberDataViewType.Single) columns[inputSchema[i].Name] = [new NumericValue(i)];
            else if (type is TextDataViewType) columns[inputSchema[i].Name] = [new TextValue(i, IsKey: false)];
            else if (type is DateTimeDataViewType) columns[inputSchema[i].Name] = [new TimestampValue(i)];
        }
        var schema = inputSchema;
        foreach (var step in steps.Take(steps.Count - 1))
        {
            DataViewSchema output;
            try
            {
                output = step.GetOutputSchema(schema);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return null;
            }
            if (!Apply(step, output, columns)) return null;
            schema = output;
        }
        return columns.TryGetValue(predictor.FeatureColumnName, out var parts) && parts.All(p => p is NumericValue or TextBlock or MissingIndicator { IsFloat: true })
            ? (parts, steps[^1])
            : null;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    private static bool Apply(ITransformer step, DataViewSchema output, Dictionary<string, FeaturePart[]> columns)
    {
        var name = step.GetType().Name;
        if (name == "ColumnConcatenatingTransformer") return Concatenate(step, columns);
        if (name == "ColumnSelectingTransformer") return true;
        if (step is CustomMappingTransformer<TimestampPartsInput, TimestampPartsOutput>) return TimestampParts(columns);
        var pairs = ColumnPairs(step);
        if (pairs is null) return false;
        foreach (var (outputName, inputName) in pairs)
        {
            if (!columns.TryGetValue(inputName, out var source) || source.Length != 1) return false;
            var part = source[0];
            var outputType = output[outputName].Type;
            FeaturePart? mapped = (name, part) switch
            {
                ("ColumnCopyingTransformer", _) => part,
                ("MissingValueIndicatorTransformer", NumericValue v) => new MissingIndicator(v.Input, IsFloat: false, v.TimestampPart),
                ("TypeConvertingTransformer", NumericValue v) when outputType == NumberDataViewType.Single => v,
                ("TypeConvertingTransformer", MissingIndicator m) when outputType == NumberDataViewType.Single => m with { IsFloat = true },
                ("MissingValueReplacingTransformer", NumericValue v) when outputType == NumberDataViewType.Single => v,
                ("ValueToKeyMappingTransformer" or "HashingTransformer", TextValue { IsKey: false } t) => t with { IsKey = true },
                ("KeyToVectorMappingTransformer", TextValue { IsKey: true } t) when outputType is VectorDataViewType { IsKnownSize: true } v
                    && v.ItemType == NumberDataViewType.Single => new TextBlock(t.Input, v.Size),
                _ => null,
            };
            if (mapped is null) return false;
            columns[outputName] = [mapped];
        }
        return true;
    }

    /// <summary>Fathom's timestamp mapping: fixed column names in and out (<see cref="TimestampFeatures.Estimator"/>).</summary>
    private static bool TimestampParts(Dictionary<string, FeaturePart[]> columns)
    {
        if (!columns.TryGetValue(nameof(TimestampPartsInput.FathomTimestamp), out var source) || source is not [TimestampValue timestamp]) return false;
        columns[nameof(TimestampPartsOutput.FathomTimestampMonth)] = [new NumericValue(timestamp.Input, 0)];
        columns[nameof(TimestampPartsOutput.FathomTimestampDayOfWeek)] = [new NumericValue(timestamp.Input, 1)];
        columns[nameof(TimestampPartsOutput.FathomTimestampHour)] = [new NumericValue(timestamp.Input, 2)];
        return true;
    }

    private static bool Concatenate(ITransformer step, Dictionary<string, FeaturePart[]> columns)
    {
        if (step.GetType().GetField("_columns", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(step) is not Array options) return false;
        foreach (var option in options)
        {
            var type = option.GetType();
            if ((type.GetField("Name")?.GetValue(option) ?? type.GetProperty("Name")?.GetValue(option)) is not string name
                || type.GetProperty("Sources")?.GetValue(option) is not IReadOnlyList<(string Name, string Alias)> sources) return false;
            var parts = new List<FeaturePart>();
            foreach (var (source, _) in sources)
            {
                if (!columns.TryGetValue(source, out var sourceParts)) return false;
                parts.AddRange(sourceParts);
            }
            columns[name] = [.. parts];
        }
        return true;
    }

    /// <summary>The (output, input) column pairs of a one-to-one transform (ML.NET keeps them on its internal base class).</summary>
    private static (string Output, string Input)[]? ColumnPairs(ITransformer step)
    {
        for (var type = step.GetType(); type is not null; type = type.BaseType)
            if (type.GetField("ColumnPairs", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(step) is (string, string)[] pairs)
                return pairs;
        return null;
    }
}
