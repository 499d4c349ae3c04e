using Fathom.Core.Tables;
using Parquet;
using Parquet.Schema;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// One prediction log file being built in memory from segments of one layout: <c>request_id</c>, <c>timestamp</c>,
/// <c>model_name</c>, <c>model_version</c>, then the input columns and the output columns. Segments are appended a row
/// group at a time, so the writer never holds more than one row group's rows uncompressed; the file itself is
/// compressed bytes. Missing values are nulls; text stays text, so monitoring reads the file back into the same
/// column kinds.
/// </summary>
internal sealed class PredictionParquetFile : IAsyncDisposable
{
    private readonly MemoryStream _bytes = new();
    private readonly DataField[] _fields;
    private readonly string _modelName;
    private ParquetWriter? _writer;

    private PredictionParquetFile(LogLayout layout)
    {
        _modelName = layout.ModelName;
        var fields = new List<DataField>
        {
            new DataField<string>("request_id"), new DataField<DateTime>("timestamp"),
            new DataField<string>("model_name"), new DataField<string>("model_version"),
        };
        fields.AddRange(layout.Fields.Select(f => FieldFor(f.Name, f.Kind)));
        _fields = fields.ToArray();
    }

    public static PredictionParquetFile For(LogLayout layout) => new(layout);

    /// <summary>Writes <paramref name="segments"/> (which share the file's layout) as one row group.</summary>
    public async Task AppendAsync(IReadOnlyList<LogSegment> segments, CancellationToken ct)
    {
        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields.ToArray<Field>()), _bytes, cancellationToken: ct);
        var rows = segments.Sum(s => s.Count);
        var requestIds = new string[rows];
        var timestamps = new DateTime[rows];
        var names = new string[rows];
        var versions = new string[rows];
        var offset = 0;
        foreach (var segment in segments)
        {
            segment.RequestIds.AsSpan(0, segment.Count).CopyTo(requestIds.AsSpan(offset));
            segment.Timestamps.AsSpan(0, segment.Count).CopyTo(timestamps.AsSpan(offset));
            segment.Versions.AsSpan(0, segment.Count).CopyTo(versions.AsSpan(offset));
            offset += segment.Count;
        }
        Array.Fill(names, _modelName);

        using var group = _writer.CreateRowGroup();
        await group.WriteAsync(_fields[0], requestIds);
        await group.WriteAsync(_fields[1], (ReadOnlyMemory<DateTime>)timestamps, cancellationToken: ct);
        await group.WriteAsync(_fields[2], names);
        await group.WriteAsync(_fields[3], versions);
        for (var c = 4; c < _fields.Length; c++) await WriteFieldAsync(group, _fields[c], segments, c - 4, rows, ct);
    }

    private static async Task WriteFieldAsync(ParquetRowGroupWriter group, DataField field, IReadOnlyList<LogSegment> segments, int index, int rows, CancellationToken ct)
    {
        var offset = 0;
        switch (segments[0].Values(index))
        {
            case double[]:
                var numbers = new double?[rows];
                foreach (var segment in segments)
                    foreach (var value in ((double[])segment.Values(index)).AsSpan(0, segment.Count)) numbers[offset++] = double.IsNaN(value) ? null : value;
                await group.WriteAsync<double>(field, numbers, cancellationToken: ct);
                break;
            case long[]:
                var times = new DateTime?[rows];
                foreach (var segment in segments)
                    foreach (var ticks in ((long[])segment.Values(index)).AsSpan(0, segment.Count))
                        times[offset++] = ticks == TimestampColumn.MissingTicks ? null : new DateTime(ticks, DateTimeKind.Utc);
                await group.WriteAsync<DateTime>(field, times, cancellationToken: ct);
                break;
            default:
                var texts = new string?[rows];
                foreach (var segment in segments)
                {
                    ((string?[])segment.Values(index)).AsSpan(0, segment.Count).CopyTo(texts.AsSpan(offset));
                    offset += segment.Count;
                }
                await group.WriteAsync(field, texts!);
                break;
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

    internal static DataField FieldFor(Column column) => FieldFor(column.Name, column.Kind);

    private static DataField FieldFor(string name, ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => new DataField<double?>(name),
        ColumnKind.Timestamp => new DataField<DateTime?>(name),
        _ => new DataField<string>(name),
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
