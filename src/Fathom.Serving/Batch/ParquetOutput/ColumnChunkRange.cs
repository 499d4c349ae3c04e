using Parquet.Meta;

namespace Fathom.Serving.Batch.ParquetOutput;

/// <summary>Where a column chunk's pages lie in its file.</summary>
internal static class ColumnChunkRange
{
    /// <summary>The offset of the chunk's first page.</summary>
    public static long Start(ColumnMetaData chunk) => Dictionary(chunk) ?? chunk.DataPageOffset;

    /// <summary>A copy of <paramref name="chunk"/>'s description for the same pages moved to <paramref name="start"/>.</summary>
    public static ColumnMetaData MovedTo(ColumnMetaData chunk, long start)
    {
        var shift = start - Start(chunk);
        return new ColumnMetaData
        {
            Type = chunk.Type,
            Encodings = chunk.Encodings,
            PathInSchema = chunk.PathInSchema,
            Codec = chunk.Codec,
            NumValues = chunk.NumValues,
            TotalUncompressedSize = chunk.TotalUncompressedSize,
            TotalCompressedSize = chunk.TotalCompressedSize,
            DataPageOffset = chunk.DataPageOffset + shift,
            DictionaryPageOffset = Dictionary(chunk) + shift,
        };
    }

    /// <summary>
    /// The dictionary page's offset when the chunk names one before its data pages. Some writers (Polars) leave
    /// <c>dictionary_page_offset</c> unset and start the chunk with the dictionary page at <c>data_page_offset</c>;
    /// old ones wrote 0 for "none": in both cases the chunk starts at the data page offset.
    /// </summary>
    private static long? Dictionary(ColumnMetaData chunk) =>
        chunk.DictionaryPageOffset is { } offset && offset > 0 && offset < chunk.DataPageOffset ? offset : null;
}
