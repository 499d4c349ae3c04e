using Parquet.Meta;
using Snappier;

namespace Fathom.Serving.ParquetWriting;

/// <summary>
/// Writes a column chunk of pages built by the caller (an optional dictionary page, then one data page, version 1),
/// Snappy-compressed, with their Thrift page headers, and describes it for the footer (<see cref="ParquetFooter"/>).
/// </summary>
internal sealed class ColumnChunkWriter
{
    private readonly PageBuffer _header = new();
    private byte[] _compressed = new byte[4096];

    /// <summary>
    /// Appends the chunk to <paramref name="file"/>. <paramref name="dictionary"/> is empty when the data page is not
    /// dictionary-encoded; <paramref name="values"/> counts the page's rows, nulls included.
    /// </summary>
    public ColumnChunk Write(Stream file, string name, Parquet.Meta.Type type, int values, ReadOnlySpan<byte> dictionary, int dictionaryValues,
        ReadOnlySpan<byte> data, Encoding dataEncoding)
    {
        var start = file.Position;
        long? dictionaryOffset = null;
        var uncompressed = 0L;
        if (dictionaryValues > 0)
        {
            dictionaryOffset = start;
            uncompressed += Page(file, PageType.DICTIONARY_PAGE, dictionary, dictionaryValues, Encoding.PLAIN_DICTIONARY);
        }
        var dataOffset = file.Position;
        uncompressed += Page(file, PageType.DATA_PAGE, data, values, dataEncoding);
        var size = file.Position - start;
        return new ColumnChunk
        {
            FileOffset = start,
            MetaData = new ColumnMetaData
            {
                Type = type,
                Encodings = dictionaryValues > 0 ? [Encoding.PLAIN_DICTIONARY, Encoding.RLE, Encoding.RLE_DICTIONARY] : [Encoding.PLAIN, Encoding.RLE],
                PathInSchema = [name],
                Codec = CompressionCodec.SNAPPY,
                NumValues = values,
                TotalUncompressedSize = uncompressed,
                TotalCompressedSize = size,
                DataPageOffset = dataOffset,
                DictionaryPageOffset = dictionaryOffset,
            },
        };
    }

    /// <summary>A page header (parquet.thrift <c>PageHeader</c>) and the compressed page; returns the uncompressed size with the header.</summary>
    private int Page(Stream file, PageType type, ReadOnlySpan<byte> body, int values, Encoding encoding)
    {
        var bound = Snappy.GetMaxCompressedLength(body.Length);
        if (_compressed.Length < bound) _compressed = new byte[Math.Max(bound, _compressed.Length * 2)];
        var compressed = Snappy.Compress(body, _compressed);
        _header.Reset();
        var thrift = new ThriftCompactWriter(_header);
        thrift.BeginListedStruct();
        thrift.Int32(1, (int)type);
        thrift.Int32(2, body.Length);
        thrift.Int32(3, compressed);
        if (type == PageType.DATA_PAGE)
        {
            thrift.BeginStruct(5);
            thrift.Int32(1, values);
            thrift.Int32(2, (int)encoding);
            thrift.Int32(3, (int)Encoding.RLE);
            thrift.Int32(4, (int)Encoding.RLE);
            thrift.EndStruct();
        }
        else
        {
            thrift.BeginStruct(7);
            thrift.Int32(1, values);
            thrift.Int32(2, (int)encoding);
            thrift.EndStruct();
        }
        thrift.EndStruct();
        file.Write(_header.Written);
        file.Write(_compressed.AsSpan(0, compressed));
        return _header.Length + body.Length;
    }
}
