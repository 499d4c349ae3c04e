using Fathom.Core.Tables;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Data;

/// <summary>The first rows of a model input view as a table: the input example saved with the model package.</summary>
internal static class InputExampleTable
{
    public static DataTable From(IDataView view)
    {
        var columns = new List<Column>();
        foreach (var column in view.Schema)
        {
            if (column.Type is TextDataViewType)
            {
                var values = view.GetColumn<ReadOnlyMemory<char>>(column).Select(m => m.ToString()).ToArray();
                var categories = values.Where(v => v.Length > 0).Distinct().ToArray();
                var codes = values.Select(v => v.Length == 0 ? CategoricalColumn.MissingCode : Array.IndexOf(categories, v)).ToArray();
                columns.Add(new CategoricalColumn(column.Name, codes, categories));
            }
            else if (column.Type is DateTimeDataViewType)
            {
                columns.Add(new TimestampColumn(column.Name,
                    [.. view.GetColumn<DateTime>(column).Select(d => d == default ? TimestampColumn.MissingTicks : d.Ticks)]));
            }
            else
            {
                columns.Add(new NumericColumn(column.Name, [.. view.GetColumn<float>(column).Select(f => (double)f)]));
            }
        }
        return new DataTable(columns);
    }
}
