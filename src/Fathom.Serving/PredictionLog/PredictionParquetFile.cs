using Fathom.Core.Tables;
using Parquet;
using Parquet.Schema;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// One prediction log file being built in memory from records that share columns: <c>request_id</c>,
/// <c>timestamp</c>, <c>model_name</c>, <c>model_version</c>, then the input columns and the output columns. Records
/// are appended a row group at a time, so the writer never holds more than one row group's records as objects (a
/// file's worth of small objects kept alive for seconds is what made the garbage collector expensive); the file
/// itself is compressed bytes. Missing values are nulls; text stays text, so monitoring reads the file back into the
/// same column kinds.
/// </summary>
internal sealed class PredictionParquetFile : IAsyncDisposable
{
    private readonly MemoryStream _bytes = new();
    private readonly DataField[] _fields;
    private ParquetWriter? _writer;

    private PredictionParquetFile(PredictionRecord first)
    {
        var fields = new List<DataField>
        {
            new DataField<string>("request_id"), new DataField<DateTime>("timestamp"),
            new DataField<string>("model_name"), new DataField<string>("model_version"),
        };
        fields.AddRange(first.Inputs.Columns.Concat(first.Outputs).Select(FieldFor));
        _fields = fields.ToArray();
    }

    public static PredictionParquetFile For(PredictionRecord first) => new(first);

    /// <summary>Writes <paramref name="records"/> (which share the first record's columns) as one row group.</summary>
    public async Task AppendAsync(IReadOnlyList<PredictionRecord> records, CancellationToken ct)
    {
        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields.ToArray<Field>()), _bytes, cancellationToken: ct);
        var rows = records.Sum(r => r.Rows);
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

        using var group = _writer.CreateRowGroup();
        await group.WriteAsync(_fields[0], requestIds);
        await group.WriteAsync(_fields[1], (ReadOnlyMemory<DateTime>)timestamps, cancellationToken: ct);
        await group.WriteAsync(_fields[2], names);
        await group.WriteAsync(_fields[3], versions);
        var inputs = records[0].Inputs.Columns.Count;
        var parts = new Column[records.Count];
        for (var c = 4; c < _fields.Length; c++)
        {
            var column = c - 4;
            for (var r = 0; r < parts.Length; r++)
                parts[r] = column < inputs ? records[r].Inputs.Columns[column] : records[r].Outputs[column - inputs];
            await WriteColumnAsync(group, _fields[c], parts, rows, ct);
        }
    }

    /// <summary>Closes the file and returns its bytes, positioned at the start.</summary>
    public async Task<Stream> FinishAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        _writer = null;
        _bytes.Position = 0;
        return _bytes;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        await _bytes.DisposeAsync();
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
