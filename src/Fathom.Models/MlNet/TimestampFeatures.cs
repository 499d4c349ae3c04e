using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace Fathom.Models.MlNet;

/// <summary>
/// A timestamp column turned into three numeric model inputs inside the ML.NET pipeline, so a saved model takes the
/// raw timestamp: <c>NAME_month</c> (1-12), <c>NAME_dayofweek</c> (0 = Sunday) and <c>NAME_hour</c> (hour with minutes
/// as a fraction). Raw ticks would only let a model learn "before/after a date", which does not carry over to new data.
/// The step is an ML.NET CustomMapping saved under <see cref="ContractName"/>; a model that contains it loads only in
/// an <see cref="MLContext"/> that has <see cref="Register"/>ed this assembly (Fathom's loaders do).
/// A missing timestamp (the default <see cref="DateTime"/>, as Fathom's views read a missing value) gives NaN parts.
/// </summary>
public static class TimestampFeatures
{
    /// <summary>The contract name the mapping is saved under in model.zip.</summary>
    public const string ContractName = "Fathom.TimestampParts";

    private static readonly string[] Suffixes = ["_month", "_dayofweek", "_hour"];

    /// <summary>The numeric columns derived from <paramref name="column"/>, in order: month, day of week, hour.</summary>
    /// <param name="column">The timestamp column's name.</param>
    /// <returns>The derived column names.</returns>
    public static IReadOnlyList<string> PartNames(string column) => [.. Suffixes.Select(s => column + s)];

    /// <summary>Whether <paramref name="name"/> is a part name of some column: such a feature would be shadowed.</summary>
    /// <param name="name">A column name.</param>
    /// <param name="column">The timestamp column it would derive from.</param>
    /// <returns>True when the name ends in one of the part suffixes.</returns>
    public static bool IsPartName(string name, out string column)
    {
        var suffix = Suffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal));
        column = suffix is null ? "" : name[..^suffix.Length];
        return suffix is not null;
    }

    /// <summary>Makes <paramref name="ml"/> able to load models that contain the mapping.</summary>
    /// <param name="ml">The context that loads the model.</param>
    /// <returns>The same context.</returns>
    public static MLContext Register(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ml.ComponentCatalog.RegisterAssembly(typeof(TimestampFeatures).Assembly);
        return ml;
    }

    /// <summary>
    /// The estimator that adds the three part columns of the DateTime column <paramref name="column"/>. The mapping
    /// works on fixed column names, so the timestamp is copied in and the parts copied out under their own names;
    /// several timestamp columns chain several of these.
    /// </summary>
    /// <param name="ml">The context.</param>
    /// <param name="column">The DateTime input column.</param>
    /// <returns>An estimator to append to a featurization chain.</returns>
    public static IEstimator<ITransformer> Estimator(MLContext ml, string column)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var parts = PartNames(column);
        return ml.Transforms.CopyColumns(nameof(TimestampPartsInput.FathomTimestamp), column)
            .Append(ml.Transforms.CustomMapping(new TimestampPartsMapping().GetMapping(), ContractName))
            .Append(ml.Transforms.CopyColumns(parts[0], nameof(TimestampPartsOutput.FathomTimestampMonth)))
            .Append(ml.Transforms.CopyColumns(parts[1], nameof(TimestampPartsOutput.FathomTimestampDayOfWeek)))
            .Append(ml.Transforms.CopyColumns(parts[2], nameof(TimestampPartsOutput.FathomTimestampHour)))
            .Append(ml.Transforms.DropColumns(nameof(TimestampPartsInput.FathomTimestamp), nameof(TimestampPartsOutput.FathomTimestampMonth),
                nameof(TimestampPartsOutput.FathomTimestampDayOfWeek), nameof(TimestampPartsOutput.FathomTimestampHour)));
    }
}

/// <summary>The mapping's input row (ML.NET binds columns to public fields by name).</summary>
public sealed class TimestampPartsInput
{
    /// <summary>The timestamp; the default value stands for a missing one.</summary>
    public DateTime FathomTimestamp;
}

/// <summary>The mapping's output row.</summary>
public sealed class TimestampPartsOutput
{
    /// <summary>Month, 1-12.</summary>
    public float FathomTimestampMonth;

    /// <summary>Day of week, 0 = Sunday.</summary>
    public float FathomTimestampDayOfWeek;

    /// <summary>Hour of day with minutes as a fraction.</summary>
    public float FathomTimestampHour;
}

/// <summary>The factory ML.NET finds by <see cref="TimestampFeatures.ContractName"/> when it loads a saved model.</summary>
[CustomMappingFactoryAttribute(TimestampFeatures.ContractName)]
public sealed class TimestampPartsMapping : CustomMappingFactory<TimestampPartsInput, TimestampPartsOutput>
{
    /// <summary>The per-row computation.</summary>
    /// <returns>A pure function of the input row.</returns>
    public override Action<TimestampPartsInput, TimestampPartsOutput> GetMapping() => static (input, output) =>
    {
        var time = input.FathomTimestamp;
        if (time == default)
        {
            output.FathomTimestampMonth = output.FathomTimestampDayOfWeek = output.FathomTimestampHour = float.NaN;
            return;
        }
        output.FathomTimestampMonth = time.Month;
        output.FathomTimestampDayOfWeek = (int)time.DayOfWeek;
        output.FathomTimestampHour = time.Hour + time.Minute / 60f;
    };
}
