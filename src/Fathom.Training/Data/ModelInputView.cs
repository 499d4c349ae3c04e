using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Data;

/// <summary>A table viewed as a trained model's input: each input column of the model's saved schema is read from the table column of the same name.</summary>
internal static class ModelInputView
{
    public static IDataView FromTable(DataTable table, DataViewSchema inputSchema, string source)
    {
        var columns = new List<ViewColumn>();
        foreach (var input in inputSchema)
        {
            if (!table.TryGetColumn(input.Name, out var column))
                throw FathomException.InvalidParameter($"{source}: the model needs column '{input.Name}', which is not in the data (columns: {string.Join(", ", table.ColumnNames)}).");
            columns.Add(input.Type switch
            {
                TextDataViewType => FeatureColumns.Text(Expect<CategoricalColumn>(column, source, "text")),
                DateTimeDataViewType => FeatureColumns.Timestamp(Expect<TimestampColumn>(column, source, "a timestamp")),
                _ => FeatureColumns.Numeric(input.Name, Expect<NumericColumn>(column, source, "numeric")),
            });
        }
        return new ColumnarDataView(columns, [.. Enumerable.Range(0, table.RowCount)]);
    }

    private static T Expect<T>(Column column, string source, string kind) where T : Column =>
        column as T ?? throw FathomException.InvalidParameter(
            $"{source}: column '{column.Name}' must be {kind} for this model, but it holds {FeatureColumns.Describe(column)}.");
}
