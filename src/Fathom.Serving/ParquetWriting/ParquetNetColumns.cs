using Fathom.Core.Tables;
using Parquet;
using Parquet.Schema;

namespace Fathom.Serving.ParquetWriting;

/// <summary>
/// Table columns written through Parquet.Net, for files whose columns are not known in advance (batch prediction's
/// outputs and CSV inputs): missing values become nulls, text stays text, so Fathom's readers get the same column
/// kinds back.
/// </summary>
internal static class ParquetNetColumns
{
    public static DataField FieldFor(Column column) => column.Kind switch
    {
        ColumnKind.Numeric => new DataField<double?>(column.Name),
        ColumnKind.Timestamp => new DataField<DateTime?>(column.Name),
        _ => new DataField<string>(column.Name),
    };

    public static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Column[] parts, int rows, CancellationToken ct)
    {
        var offset = 0;
        switch (parts[0].Kind)
        {
            case ColumnKind.Numeric:
                var numbers = new double?[rows];
                foreach (NumericColumn part in parts)
                    foreach (var value in part.Values) numbers[offset++] = double.IsNaN(value) ? null : value;
                await group.WriteAsync<double>(field, numbers, cancellationToken: ct);
                break;
            case ColumnKind.Timestamp:
                var times = new DateTime?[rows];
                foreach (TimestampColumn part in parts)
                    foreach (var ticks in part.Ticks) times[offset++] = ticks == TimestampColumn.MissingTicks ? null : new DateTime(ticks, DateTimeKind.Utc);
                await group.WriteAsync<DateTime>(field, times, cancellationToken: ct);
                break;
            default:
                var texts = new string?[rows];
                foreach (CategoricalColumn part in parts)
                    foreach (var code in part.Codes) texts[offset++] = code < 0 ? null : part.Categories[code];
                await group.WriteAsync(field, texts!);
                break;
        }
    }
}
