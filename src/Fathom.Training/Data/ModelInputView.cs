using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Data;

/// <summary>
/// A table viewed as a trained model's input: each input column of the model's saved schema is read from the table
/// column of the same name, or, for a timestamp part such as <c>date_month</c>, computed from the timestamp column.
/// </summary>
internal static class ModelInputView
{
    public static IDataView FromTable(DataTable table, DataViewSchema inputSchema, string source)
    {
        var columns = new List<ViewColumn>();
        var parts = new Dictionary<string, float[][]>(StringComparer.Ordinal);
        foreach (var input in inputSchema)
        {
            if (table.TryGetColumn(input.Name, out var column))
                columns.Add(input.Type is TextDataViewType ? FeatureColumns.Text(Expect<CategoricalColumn>(column, source, "text"))
                    : FeatureColumns.Numeric(input.Name, Expect<NumericColumn>(column, source, "numeric")));
            else if (TimestampParts.TryParse(input.Name, out var timestampName, out var part) && table.TryGetColumn(timestampName, out var timestamp))
            {
                if (!parts.TryGetValue(timestampName, out var computed))
                    parts[timestampName] = computed = TimestampParts.Compute(Expect<TimestampColumn>(timestamp, source, "a timestamp").Ticks);
                columns.Add(FeatureColumns.Floats(input.Name, computed[part]));
            }
            else
                throw FathomException.InvalidParameter($"{source}: the model needs column '{input.Name}', which is not in the data (columns: {string.Join(", ", table.ColumnNames)}).");
        }
        return new ColumnarDataView(columns, [.. Enumerable.Range(0, table.RowCount)]);
    }

    private static T Expect<T>(Column column, string source, string kind) where T : Column =>
        column as T ?? throw FathomException.InvalidParameter(
            $"{source}: column '{column.Name}' must be {kind} for this model, but it holds {FeatureColumns.Describe(column)}.");
}
