using System.Buffers;
using Fathom.Serving.ParquetWriting;
using Microsoft.Win32.SafeHandles;
using Parquet;
using Parquet.Meta;

namespace Fathom.Serving.Batch.ParquetOutput;

/// <summary>
/// The input Parquet file's column chunks, for copying as they are. Only top-level columns of a flat schema whose
/// every chunk lies in this file unencrypted, and whose types <see cref="ParquetFooter"/> can write, are offered.
/// </summary>
internal sealed class InputColumns : IDisposable
{
    private const int CopyBufferBytes = 1 << 20;
    private readonly SafeFileHandle _file;
    private readonly FileMetaData _metadata;
    private readonly Dictionary<string, int> _copyable;

    private InputColumns(SafeFileHandle file, FileMetaData metadata)
    {
        _file = file;
        _metadata = metadata;
        _copyable = Copyable(metadata);
    }

    public static async Task<InputColumns> OpenAsync(string path, CancellationToken ct)
    {
        FileMetaData metadata;
        await using (var reader = await ParquetReader.CreateAsync(SynchronousFileStream.OpenRead(path), leaveStreamOpen: false, cancellationToken: ct))
            metadata = reader.Metadata!;
        return new InputColumns(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan), metadata);
    }

    /// <summary>The index of the copyable column named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _copyable.GetValueOrDefault(name, -1);

    public SchemaElement Schema(int column) => _metadata.Schema[column + 1];

    /// <summary>Copies column <paramref name="column"/>'s chunk of row group <paramref name="group"/> to <paramref name="output"/>; returns its metadata as the input has it.</summary>
    public ColumnMetaData Copy(int group, int column, Stream output)
    {
        var chunk = _metadata.RowGroups[group].Columns[column].MetaData!;
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            var offset = ColumnChunkRange.Start(chunk);
            var left = chunk.TotalCompressedSize;
            while (left > 0)
            {
                var read = RandomAccess.Read(_file, buffer.AsSpan(0, (int)Math.Min(left, buffer.Length)), offset);
                if (read == 0) throw new EndOfStreamException($"The input ends inside column '{string.Join('.', chunk.PathInSchema)}' of row group {group}.");
                output.Write(buffer, 0, read);
                offset += read;
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return chunk;
    }

    private static Dictionary<string, int> Copyable(FileMetaData metadata)
    {
        var copyable = new Dictionary<string, int>(StringComparer.Ordinal);
        var schema = metadata.Schema;
        if (schema.Count == 0 || schema[0].NumChildren != schema.Count - 1) return copyable;
        for (var c = 0; c < schema.Count - 1; c++)
        {
            var element = schema[c + 1];
            var copiable = element.NumChildren is null or 0 && element.Type is not null
                && element.RepetitionType != FieldRepetitionType.REPEATED && ParquetFooter.CanWrite(element)
                && metadata.RowGroups.All(g => g.Columns.Count == schema.Count - 1 && IsPlain(g.Columns[c], element.Name));
            if (copiable) copyable.TryAdd(element.Name, c);
        }
        return copyable;
    }

    /// <summary>Whether the chunk is this column's, in this file, unencrypted: what copying its bytes needs.</summary>
    private static bool IsPlain(ColumnChunk chunk, string name) =>
        chunk.FilePath is null && chunk.CryptoMetadata is null && chunk.EncryptedColumnMetadata is null
        && chunk.MetaData is { PathInSchema: [var path] } && path == name;

    public void Dispose() => _file.Dispose();
}
