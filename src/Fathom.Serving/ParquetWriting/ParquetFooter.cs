using System.Buffers;
using Parquet.Meta;

namespace Fathom.Serving.ParquetWriting;

/// <summary>
/// Serializes the footer (<c>FileMetaData</c>) of a Parquet file Fathom assembles itself, with the
/// field ids of parquet.thrift. It writes what locating and decoding pages needs (schema, row groups, column chunk
/// offsets, sizes, codecs and encodings) and leaves out statistics, page indexes and bloom filters, which the
/// writer never carries.
/// </summary>
internal static class ParquetFooter
{
    public static byte[] Serialize(FileMetaData file)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var thrift = new ThriftCompactWriter(buffer);
        thrift.BeginListedStruct();
        thrift.Int32(1, file.Version);
        thrift.BeginList(2, ThriftCompactWriter.Struct, file.Schema.Count);
        foreach (var element in file.Schema) Schema(thrift, element);
        thrift.Int64(3, file.NumRows);
        thrift.BeginList(4, ThriftCompactWriter.Struct, file.RowGroups.Count);
        foreach (var group in file.RowGroups) RowGroup(thrift, group);
        if (file.CreatedBy is { } createdBy) thrift.String(6, createdBy);
        thrift.EndStruct();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Whether <see cref="Serialize"/> can write <paramref name="element"/>'s logical type.</summary>
    public static bool CanWrite(SchemaElement element) => element.LogicalType is not { } logical
        || logical.STRING is not null || logical.ENUM is not null || logical.JSON is not null || logical.BSON is not null
        || logical.UUID is not null || logical.DATE is not null || logical.DECIMAL is not null || logical.INTEGER is not null
        || logical.FLOAT16 is not null || logical.UNKNOWN is not null
        || logical.TIMESTAMP is { Unit: not null } || logical.TIME is { Unit: not null };

    private static void Schema(ThriftCompactWriter thrift, SchemaElement element)
    {
        thrift.BeginListedStruct();
        if (element.Type is { } type) thrift.Int32(1, (int)type);
        if (element.TypeLength is { } length) thrift.Int32(2, length);
        if (element.RepetitionType is { } repetition) thrift.Int32(3, (int)repetition);
        thrift.String(4, element.Name);
        if (element.NumChildren is { } children) thrift.Int32(5, children);
        if (element.ConvertedType is { } converted) thrift.Int32(6, (int)converted);
        if (element.Scale is { } scale) thrift.Int32(7, scale);
        if (element.Precision is { } precision) thrift.Int32(8, precision);
        if (element.FieldId is { } id) thrift.Int32(9, id);
        if (element.LogicalType is { } logical) LogicalType(thrift, logical);
        thrift.EndStruct();
    }

    private static void LogicalType(ThriftCompactWriter thrift, LogicalType logical)
    {
        thrift.BeginStruct(10);
        if (logical.STRING is not null) thrift.EmptyStruct(1);
        else if (logical.ENUM is not null) thrift.EmptyStruct(4);
        else if (logical.DECIMAL is { } decimalType)
        {
            thrift.BeginStruct(5);
            thrift.Int32(1, decimalType.Scale);
            thrift.Int32(2, decimalType.Precision);
            thrift.EndStruct();
        }
        else if (logical.DATE is not null) thrift.EmptyStruct(6);
        else if (logical.TIME is { } time) Temporal(thrift, 7, time.IsAdjustedToUTC, time.Unit);
        else if (logical.TIMESTAMP is { } timestamp) Temporal(thrift, 8, timestamp.IsAdjustedToUTC, timestamp.Unit);
        else if (logical.INTEGER is { } integer)
        {
            thrift.BeginStruct(10);
            thrift.I8(1, integer.BitWidth);
            thrift.Bool(2, integer.IsSigned);
            thrift.EndStruct();
        }
        else if (logical.UNKNOWN is not null) thrift.EmptyStruct(11);
        else if (logical.JSON is not null) thrift.EmptyStruct(12);
        else if (logical.BSON is not null) thrift.EmptyStruct(13);
        else if (logical.UUID is not null) thrift.EmptyStruct(14);
        else if (logical.FLOAT16 is not null) thrift.EmptyStruct(15);
        else throw new InvalidOperationException("A logical type ParquetFooter.CanWrite refuses reached the footer.");
        thrift.EndStruct();
    }

    private static void Temporal(ThriftCompactWriter thrift, short field, bool adjustedToUtc, TimeUnit unit)
    {
        thrift.BeginStruct(field);
        thrift.Bool(1, adjustedToUtc);
        thrift.BeginStruct(2);
        thrift.EmptyStruct(unit.MILLIS is not null ? (short)1 : unit.MICROS is not null ? (short)2 : (short)3);
        thrift.EndStruct();
        thrift.EndStruct();
    }

    private static void RowGroup(ThriftCompactWriter thrift, RowGroup group)
    {
        thrift.BeginListedStruct();
        thrift.BeginList(1, ThriftCompactWriter.Struct, group.Columns.Count);
        foreach (var chunk in group.Columns) ColumnChunk(thrift, chunk);
        thrift.Int64(2, group.TotalByteSize);
        thrift.Int64(3, group.NumRows);
        if (group.FileOffset is { } offset) thrift.Int64(5, offset);
        if (group.TotalCompressedSize is { } compressed) thrift.Int64(6, compressed);
        if (group.Ordinal is { } ordinal) thrift.Int16(7, ordinal);
        thrift.EndStruct();
    }

    private static void ColumnChunk(ThriftCompactWriter thrift, ColumnChunk chunk)
    {
        var meta = chunk.MetaData!;
        thrift.BeginListedStruct();
        thrift.Int64(2, chunk.FileOffset);
        thrift.BeginStruct(3);
        thrift.Int32(1, (int)meta.Type);
        thrift.BeginList(2, ThriftCompactWriter.I32, meta.Encodings.Count);
        foreach (var encoding in meta.Encodings) thrift.Int32Value((int)encoding);
        thrift.BeginList(3, ThriftCompactWriter.Binary, meta.PathInSchema.Count);
        foreach (var part in meta.PathInSchema) thrift.StringValue(part);
        thrift.Int32(4, (int)meta.Codec);
        thrift.Int64(5, meta.NumValues);
        thrift.Int64(6, meta.TotalUncompressedSize);
        thrift.Int64(7, meta.TotalCompressedSize);
        thrift.Int64(9, meta.DataPageOffset);
        if (meta.DictionaryPageOffset is { } dictionary) thrift.Int64(11, dictionary);
        thrift.EndStruct();
        thrift.EndStruct();
    }
}
