using System.Buffers.Binary;
using Fathom.Core.Tables;
using Fathom.Serving.ParquetWriting;
using Parquet.Meta;

namespace Fathom.Serving.Batch.ParquetOutput;

/// <summary>
/// Writes <c>fathom models predict</c>'s Parquet output one row group per chunk. Input columns written back as they
/// are read are not decoded and re-encoded: their column chunks are copied byte for byte from the input file (the
/// pages are already encoded and compressed), with the offsets in their metadata moved to the new position. Only the
/// predictions (and inputs read from CSV) are encoded, by Parquet.Net, on the scorer threads. The footer is written
/// by <see cref="ParquetFooter"/>; statistics and page indexes are not carried over.
/// </summary>
internal sealed class PassThroughParquetWriter : IAsyncDisposable
{
    private const string CreatedBy = "Fathom models predict (pages encoded by Parquet.Net or copied from the input)";
    private readonly InputColumns? _input;
    private readonly Stream _output;
    private readonly List<RowGroup> _groups = [];
    private readonly Lock _planning = new();
    private List<SchemaElement>? _schema;
    private OutputPlan? _plan;
    private long _rows;

    private PassThroughParquetWriter(InputColumns? input, Stream output)
    {
        _input = input;
        _output = output;
    }

    /// <summary>A writer to <paramref name="output"/>; <paramref name="parquetInput"/> is the Parquet file the chunks come from, if any.</summary>
    public static async Task<PassThroughParquetWriter> CreateAsync(string? parquetInput, string output, CancellationToken ct)
    {
        var input = parquetInput is null ? null : await InputColumns.OpenAsync(parquetInput, ct);
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null) Directory.CreateDirectory(directory);
        return new PassThroughParquetWriter(input, SynchronousFileStream.Create(output));
    }

    /// <summary>Whether an input column named <paramref name="name"/>, written back as read, is copied as encoded pages.</summary>
    public bool Copies(string name) => _input?.IndexOf(name) >= 0;

    /// <summary>
    /// On a scorer thread: encodes the columns of <paramref name="scored"/> that are not copied from
    /// <paramref name="input"/> (the chunk it was scored from; its columns kept as they are get copied).
    /// </summary>
    public ScoredChunk Prepare(DataTable input, DataTable scored, CancellationToken ct)
    {
        var plan = PlanFor(input, scored);
        var encoded = plan.Encoded.Select(c => scored.Columns[c]).ToArray();
        return new ScoredChunk(scored.RowCount, plan, EncodedColumns.EncodeAsync(encoded, scored.RowCount, ct).GetAwaiter().GetResult());
    }

    /// <summary>On the writer thread, in file order: appends the chunk as the next row group.</summary>
    public void Write(ScoredChunk chunk)
    {
        if (_output.Position == 0) _output.Write("PAR1"u8);
        var index = _groups.Count;
        var columns = new List<ColumnChunk>(chunk.Plan.Sources.Count);
        var encoded = 0;
        foreach (var source in chunk.Plan.Sources)
        {
            var start = _output.Position;
            ColumnMetaData written;
            if (source >= 0) written = _input!.Copy(index, source, _output);
            else
            {
                written = chunk.Encoded.Chunks[encoded++];
                _output.Write(chunk.Encoded.Bytes(written));
            }
            columns.Add(new ColumnChunk { FileOffset = start, MetaData = ColumnChunkRange.MovedTo(written, start) });
        }
        _schema ??= Schema(chunk);
        _groups.Add(new RowGroup
        {
            Columns = columns,
            NumRows = chunk.RowCount,
            TotalByteSize = columns.Sum(c => c.MetaData!.TotalUncompressedSize),
            TotalCompressedSize = columns.Sum(c => c.MetaData!.TotalCompressedSize),
            FileOffset = columns.Count > 0 ? columns[0].FileOffset : _output.Position,
            Ordinal = index <= short.MaxValue ? (short)index : null,
        });
        _rows += chunk.RowCount;
    }

    private OutputPlan PlanFor(DataTable input, DataTable scored)
    {
        lock (_planning) return _plan ??= OutputPlan.For(input, scored, _input);
    }

    private List<SchemaElement> Schema(ScoredChunk chunk)
    {
        var encoded = 0;
        var leaves = chunk.Plan.Sources.Select(source => source >= 0 ? _input!.Schema(source) : chunk.Encoded.Schema[encoded++]);
        return [new SchemaElement { Name = chunk.Encoded.RootName, NumChildren = chunk.Plan.Sources.Count }, .. leaves];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A run that wrote no chunk leaves an empty file, as it always has.
            if (_schema is not null)
            {
                var footer = ParquetFooter.Serialize(new FileMetaData { Version = 1, Schema = _schema, NumRows = _rows, RowGroups = _groups, CreatedBy = CreatedBy });
                _output.Write(footer);
                Span<byte> length = stackalloc byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
                _output.Write(length);
                _output.Write("PAR1"u8);
            }
        }
        finally
        {
            await _output.DisposeAsync();
            _input?.Dispose();
        }
    }
}
