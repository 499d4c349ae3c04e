using Fathom.Core.Tables;
using Fathom.Serving.ParquetWriting;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Fathom.Serving.Batch.ParquetOutput;

/// <summary>
/// Columns of one chunk encoded by Parquet.Net (the predictions, and inputs that cannot be copied as they are), as a
/// small Parquet file in memory: <see cref="PassThroughParquetWriter"/> copies its column chunks into the output and
/// takes their schema elements from its footer, so the new columns are written exactly as Parquet.Net writes them.
/// Encoding runs on a scorer thread, so the columns of several chunks are encoded in parallel.
/// </summary>
internal sealed class EncodedColumns
{
    private readonly byte[] _file;

    private EncodedColumns(byte[] file, FileMetaData metadata)
    {
        _file = file;
        RootName = metadata.Schema[0].Name;
        Schema = metadata.Schema.Skip(1).ToArray();
        Chunks = metadata.RowGroups.Count == 0 ? [] : metadata.RowGroups[0].Columns.Select(c => c.MetaData!).ToArray();
    }

    public string RootName { get; }

    /// <summary>One schema element per column, in the order the columns were given.</summary>
    public IReadOnlyList<SchemaElement> Schema { get; }

    /// <summary>Each column's chunk in <see cref="Bytes"/>, in the order the columns were given.</summary>
    public IReadOnlyList<ColumnMetaData> Chunks { get; }

    /// <summary>The bytes of <paramref name="chunk"/>, one of <see cref="Chunks"/>.</summary>
    public ReadOnlySpan<byte> Bytes(ColumnMetaData chunk) =>
        _file.AsSpan(checked((int)ColumnChunkRange.Start(chunk)), checked((int)chunk.TotalCompressedSize));

    public static async Task<EncodedColumns> EncodeAsync(IReadOnlyList<Column> columns, int rows, CancellationToken ct)
    {
        var fields = columns.Select(ParquetNetColumns.FieldFor).ToArray();
        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file, cancellationToken: ct))
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++) await ParquetNetColumns.WriteColumnAsync(group, fields[c], [columns[c]], rows, ct);
        }
        var bytes = file.GetBuffer();
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes, 0, (int)file.Length, writable: false), cancellationToken: ct);
        return new EncodedColumns(bytes, reader.Metadata!);
    }
}
