using Fathom.Core.Tables;
using Fathom.Serving.ParquetWriting;
using Parquet.Meta;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// One prediction log file being built in memory from segments of one layout: <c>request_id</c>, <c>timestamp</c>,
/// <c>model_name</c>, <c>model_version</c>, then the input columns and the output columns. Segments are appended a row
/// group at a time, encoded by <see cref="LogColumnEncoder"/> (the log's schema is fixed, so a general Parquet writer's
/// per-value work is not needed), and the footer is written at the end by <see cref="ParquetFooter"/>. Missing values
/// are nulls; text stays text, so monitoring reads the file back into the same column kinds.
/// </summary>
internal sealed class LogParquetFile
{
    private const string CreatedBy = "Fathom prediction log";
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly MemoryStream _bytes;
    private readonly LogLayout _layout;
    private readonly List<RowGroup> _groups = [];
    private long _rows;

    private LogParquetFile(LogLayout layout, MemoryStream bytes)
    {
        _layout = layout;
        _bytes = bytes;
        _bytes.Write(Magic);
    }

    /// <summary>A file of <paramref name="layout"/>'s columns built in <paramref name="bytes"/> (empty; a reused buffer keeps
    /// the large object heap out of every file).</summary>
    public static LogParquetFile For(LogLayout layout, MemoryStream bytes) => new(layout, bytes);

    /// <summary>Writes <paramref name="segments"/> (which share the file's layout) as one row group.</summary>
    public void Append(IReadOnlyList<LogSegment> segments, LogColumnEncoder encoder)
    {
        var rows = 0;
        foreach (var segment in segments) rows += segment.Count;
        encoder.Reserve(rows);
        var start = _bytes.Position;
        var columns = new List<ColumnChunk>(4 + _layout.Inputs.Length + _layout.Outputs.Length)
        {
            encoder.Texts(_bytes, "request_id", segments, s => s.RequestIds, rows),
            encoder.Times(_bytes, "timestamp", segments, s => s.Timestamps, rows),
            encoder.Constant(_bytes, "model_name", _layout.ModelName, rows),
            encoder.Texts(_bytes, "model_version", segments, s => s.Versions, rows),
        };
        var field = 0;
        foreach (var column in _layout.Fields)
        {
            var index = field++;
            columns.Add(column.Kind switch
            {
                ColumnKind.Numeric => encoder.Numbers(_bytes, column.Name, segments, index, rows),
                ColumnKind.Timestamp => encoder.Ticks(_bytes, column.Name, segments, index, rows),
                _ => encoder.Texts(_bytes, column.Name, segments, s => (string?[])s.Values(index), rows),
            });
        }
        _groups.Add(new RowGroup
        {
            Columns = columns,
            NumRows = rows,
            TotalByteSize = columns.Sum(c => c.MetaData!.TotalUncompressedSize),
            TotalCompressedSize = _bytes.Position - start,
            FileOffset = start,
            Ordinal = (short)_groups.Count,
        });
        _rows += rows;
    }

    /// <summary>Writes the footer and returns the file's bytes, positioned at the start.</summary>
    public Stream Finish()
    {
        var footer = ParquetFooter.Serialize(new FileMetaData
        {
            Version = 1,
            Schema = Schema(),
            NumRows = _rows,
            RowGroups = _groups,
            CreatedBy = CreatedBy,
        });
        _bytes.Write(footer);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
        _bytes.Write(length);
        _bytes.Write(Magic);
        _bytes.Position = 0;
        return _bytes;
    }

    private List<SchemaElement> Schema()
    {
        var schema = new List<SchemaElement>
        {
            new() { Name = "schema", NumChildren = 4 + _layout.Inputs.Length + _layout.Outputs.Length },
            Text("request_id"),
            new()
            {
                Name = "timestamp", Type = Parquet.Meta.Type.INT64, RepetitionType = FieldRepetitionType.REQUIRED,
                ConvertedType = ConvertedType.TIMESTAMP_MICROS, LogicalType = Timestamp(),
            },
            Text("model_name"),
            Text("model_version"),
        };
        foreach (var field in _layout.Fields)
        {
            schema.Add(field.Kind switch
            {
                ColumnKind.Numeric => new SchemaElement { Name = field.Name, Type = Parquet.Meta.Type.DOUBLE, RepetitionType = FieldRepetitionType.OPTIONAL },
                ColumnKind.Timestamp => new SchemaElement
                {
                    Name = field.Name, Type = Parquet.Meta.Type.INT64, RepetitionType = FieldRepetitionType.OPTIONAL,
                    ConvertedType = ConvertedType.TIMESTAMP_MICROS, LogicalType = Timestamp(),
                },
                _ => Text(field.Name),
            });
        }
        return schema;
    }

    private static SchemaElement Text(string name) => new()
    {
        Name = name, Type = Parquet.Meta.Type.BYTE_ARRAY, RepetitionType = FieldRepetitionType.OPTIONAL,
        ConvertedType = ConvertedType.UTF8, LogicalType = new LogicalType { STRING = new StringType() },
    };

    private static LogicalType Timestamp() => new()
    {
        TIMESTAMP = new TimestampType { IsAdjustedToUTC = true, Unit = new TimeUnit { MICROS = new MicroSeconds() } },
    };
}
