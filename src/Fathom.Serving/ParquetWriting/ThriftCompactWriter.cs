using System.Buffers;
using System.Text;

namespace Fathom.Serving.ParquetWriting;

/// <summary>
/// The part of Thrift's compact protocol a Parquet footer needs (Parquet.Net reads footers publicly but keeps its
/// writer internal): structs with delta-encoded field ids, zigzag varints, binaries, lists and booleans folded into
/// the field header, as https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md specifies.
/// </summary>
internal sealed class ThriftCompactWriter(IBufferWriter<byte> output)
{
    private const byte BooleanTrue = 1;
    private const byte BooleanFalse = 2;
    private const byte Byte = 3;
    private const byte I16 = 4;
    public const byte I32 = 5;
    private const byte I64 = 6;
    public const byte Binary = 8;
    private const byte List = 9;
    public const byte Struct = 12;

    private readonly Stack<short> _outer = new();
    private short _lastField;

    public void BeginStruct(short field)
    {
        FieldHeader(field, Struct);
        BeginListedStruct();
    }

    /// <summary>Opens a struct that is a list element or the top-level struct: no field header.</summary>
    public void BeginListedStruct()
    {
        _outer.Push(_lastField);
        _lastField = 0;
    }

    public void EndStruct()
    {
        WriteByte(0);
        _lastField = _outer.Pop();
    }

    /// <summary>A struct with no fields, as the members of Parquet's unions (e.g. <c>StringType</c>) are.</summary>
    public void EmptyStruct(short field)
    {
        BeginStruct(field);
        EndStruct();
    }

    public void Bool(short field, bool value) => FieldHeader(field, value ? BooleanTrue : BooleanFalse);

    public void I8(short field, sbyte value)
    {
        FieldHeader(field, Byte);
        WriteByte(unchecked((byte)value));
    }

    public void Int16(short field, short value)
    {
        FieldHeader(field, I16);
        Varint(ZigZag(value));
    }

    public void Int32(short field, int value)
    {
        FieldHeader(field, I32);
        Varint(ZigZag(value));
    }

    public void Int64(short field, long value)
    {
        FieldHeader(field, I64);
        Varint(ZigZag(value));
    }

    public void String(short field, string value)
    {
        FieldHeader(field, Binary);
        StringValue(value);
    }

    public void StringValue(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Varint((ulong)bytes.Length);
        output.Write(bytes);
    }

    public void Int32Value(int value) => Varint(ZigZag(value));

    /// <summary>Opens a list field of <paramref name="count"/> elements of <paramref name="elementType"/>.</summary>
    public void BeginList(short field, byte elementType, int count)
    {
        FieldHeader(field, List);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | elementType));
            return;
        }
        WriteByte((byte)(0xF0 | elementType));
        Varint((ulong)count);
    }

    private void FieldHeader(short field, byte type)
    {
        var delta = field - _lastField;
        if (delta is > 0 and <= 15) WriteByte((byte)((delta << 4) | type));
        else
        {
            WriteByte(type);
            Varint(ZigZag(field));
        }
        _lastField = field;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void Varint(ulong value)
    {
        var span = output.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[length++] = (byte)value;
        output.Advance(length);
    }

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
