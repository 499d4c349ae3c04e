using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Microsoft.ML.Data;

namespace Fathom.Training.Data;

/// <summary>
/// Turns the selected table columns into view columns: numbers as Single, text as ML.NET text, timestamps as DateTime
/// (their parts are derived inside the model, so the saved model takes the raw timestamp).
/// </summary>
internal static class FeatureColumns
{
    public static List<ViewColumn> Build(DataTable table, FeatureSet features, string path)
    {
        var columns = new List<ViewColumn>();
        foreach (var name in features.Numeric) columns.Add(Numeric(name, Expect<NumericColumn>(table, name, path, "numeric")));
        foreach (var name in features.Text) columns.Add(Text(Expect<CategoricalColumn>(table, name, path, "text")));
        foreach (var name in features.Timestamps) columns.Add(Timestamp(Expect<TimestampColumn>(table, name, path, "a timestamp")));
        return columns;
    }

    public static ViewColumn Numeric(string name, NumericColumn column)
    {
        var values = new float[column.Length];
        var source = column.Values;
        for (var i = 0; i < values.Length; i++) values[i] = (float)source[i];
        return Floats(name, values);
    }

    public static ViewColumn Floats(string name, float[] values) =>
        new ViewColumn<float>(name, NumberDataViewType.Single, row => values[row]);

    /// <summary>A timestamp as a UTC DateTime; a missing one as the default DateTime, which the model reads as missing.</summary>
    public static ViewColumn Timestamp(TimestampColumn column)
    {
        var ticks = column.Ticks.ToArray();
        return new ViewColumn<DateTime>(column.Name, DateTimeDataViewType.Instance,
            row => ticks[row] == TimestampColumn.MissingTicks ? default : new DateTime(ticks[row], DateTimeKind.Utc));
    }

    /// <summary>Text as ML.NET text; a missing value is empty text, which ML.NET's encoders treat as missing.</summary>
    public static ViewColumn Text(CategoricalColumn column)
    {
        var codes = column.Codes.ToArray();
        var dictionary = column.Categories.Select(c => c.AsMemory()).ToArray();
        return new ViewColumn<ReadOnlyMemory<char>>(column.Name, TextDataViewType.Instance,
            row => codes[row] < 0 ? ReadOnlyMemory<char>.Empty : dictionary[codes[row]]);
    }

    private static T Expect<T>(DataTable table, string name, string path, string kind) where T : Column
    {
        if (!table.TryGetColumn(name, out var column))
            throw FathomException.InvalidParameter($"{path}: there is no column '{name}' (columns: {string.Join(", ", table.ColumnNames)}).");
        return column as T ?? throw FathomException.InvalidParameter(
            $"{path}: column '{name}' must be {kind} as in the training data, but it holds {Describe(column)}.");
    }

    public static string Describe(Column column) => column.Kind switch
    {
        ColumnKind.Numeric => "numbers",
        ColumnKind.Categorical => "text",
        _ => "timestamps",
    };
}
