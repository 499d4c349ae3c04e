using Fathom.Core.Tables;
using Parquet;
using Parquet.Schema;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// Turns a run of records that share columns into one Parquet file: <c>request_id</c>, <c>timestamp</c>,
/// <c>model_name</c>, <c>model_version</c>, then the input columns and the output columns. Missing values are nulls;
/// text stays text, so monitoring reads the file back into the same column kinds.
/// </summary>
internal static class PredictionParquetFile
{
    public static async Task WriteAsync(IReadOnlyList<PredictionRecord> records, Stream destination, CancellationToken ct)
    {
        var rows = records.Sum(r => r.Rows);
        var first = records[0];
        var requestIds = new string[rows];
        var timestamps = new DateTime[rows];
        var names = new string[rows];
        var versions = new string[rows];
        var offset = 0;
        foreach (var record in records)
        {
            Array.Fill(requestIds, record.RequestId, offset, record.Rows);
            Array.Fill(timestamps, record.TimestampUtc, offset, record.Rows);
            Array.Fill(names, record.ModelName, offset, record.Rows);
            Array.Fill(versions, record.ModelVersion, offset, record.Rows);
            offset += record.Rows;
        }

        var dataColumns = first.Inputs.Columns.Concat(first.Outputs).ToArray();
        var fields = new List<DataField>
        {
            new DataField<string>("request_id"), new DataField<DateTime>("timestamp"),
            new DataField<string>("model_name"), new DataField<string>("model_version"),
        };
        fields.AddRange(dataColumns.Select(FieldFor));
        var schema = new ParquetSchema(fields.ToArray<Field>());

        await using var writer = await ParquetWriter.CreateAsync(schema, destination, cancellationToken: ct);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], requestIds);
        await group.WriteAsync(fields[1], (ReadOnlyMemory<DateTime>)timestamps, cancellationToken: ct);
        await group.WriteAsync(fields[2], names);
        await group.WriteAsync(fields[3], versions);
        for (var c = 0; c < dataColumns.Length; c++)
        {
            var columns = records.Select(r => c < r.Inputs.Columns.Count ? r.Inputs.Columns[c] : r.Outputs[c - r.Inputs.Columns.Count]).ToArray();
            await WriteColumnAsync(group, fields[c + 4], columns, rows, ct);
        }
    }

    internal static DataField FieldFor(Column column) => column.Kind switch
    {
        ColumnKind.Numeric => new DataField<double?>(column.Name),
        ColumnKind.Timestamp => new DataField<DateTime?>(column.Name),
        _ => new DataField<string>(column.Name),
    };

    internal static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Column[] parts, int rows, CancellationToken ct)
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
