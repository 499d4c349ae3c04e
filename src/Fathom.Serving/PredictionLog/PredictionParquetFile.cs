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
    /// <summary>
    /// Snappy stays (it costs a few percent of the encode and halves the files); dictionary encoding is tried on a
    /// sample first, so a column of distinct strings (single-row requests' ids) is not hashed in full only to be
    /// written plain.
    /// </summary>
    private static readonly ParquetOptions Options = new() { DictionaryEncodingSampleSize = 512 };

    private readonly MemoryStream _bytes;
    private readonly DataField[] _fields;
    private readonly string _modelName;
    private ParquetWriter? _writer;

    private PredictionParquetFile(LogLayout layout, MemoryStream bytes)
    {
        _modelName = layout.ModelName;
        _bytes = bytes;
        var fields = new List<DataField>
        {
            new DataField<string>("request_id"), new DataField<DateTime>("timestamp"),
            new DataField<string>("model_name"), new DataField<string>("model_version"),
        };
        fields.AddRange(layout.Fields.Select(f => FieldFor(f.Name, f.Kind)));
        _fields = fields.ToArray();
    }

    /// <summary>A file of <paramref name="layout"/>'s columns built in <paramref name="bytes"/> (empty; a reused buffer keeps
    /// the large object heap out of every file).</summary>
    public static PredictionParquetFile For(LogLayout layout, MemoryStream bytes) => new(layout, bytes);

    /// <summary>Writes <paramref name="segments"/> (which share the file's layout) as one row group.</summary>
    public async Task AppendAsync(IReadOnlyList<LogSegment> segments, LogRowGroupWriter rowGroup, CancellationToken ct)
    {
        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields.ToArray<Field>()), _bytes, Options, cancellationToken: ct);
        var rows = segments.Sum(s => s.Count);
        using var group = _writer.CreateRowGroup();
        await rowGroup.WriteAsync(group, _fields, _modelName, segments, rows, ct);
    }

    /// <summary>Closes the file and returns its bytes, positioned at the start.</summary>
    public async Task<Stream> FinishAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        _writer = null;
        _bytes.Position = 0;
        return _bytes;
    }

    /// <summary>Closes the Parquet writer; the buffer belongs to the caller, who reuses it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        _writer = null;
    }

    private static DataField FieldFor(string name, ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => new DataField<double?>(name),
        ColumnKind.Timestamp => new DataField<DateTime?>(name),
        _ => new DataField<string>(name),
    };
}
