using System.Buffers;

namespace Fathom.Serving.ParquetWriting;

/// <summary>
/// Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary indices), as
/// https://parquet.apache.org/docs/file-format/data-pages/encodings/ specifies: a run is a ULEB128 header, then either
/// one repeated value (header <c>count &lt;&lt; 1</c>, the value in whole bytes) or groups of eight bit-packed values
/// (header <c>groups &lt;&lt; 1 | 1</c>, least significant bit first).
/// </summary>
internal static class RleHybrid
{
    /// <summary><paramref name="count"/> repetitions of <paramref name="value"/>, stored in <paramref name="valueBytes"/> bytes.</summary>
    public static void Run(IBufferWriter<byte> output, int value, int count, int valueBytes)
    {
        var span = output.GetSpan(10 + valueBytes);
        var length = Uleb128(span, (ulong)count << 1);
        for (var b = 0; b < valueBytes; b++) span[length++] = (byte)(value >> (8 * b));
        output.Advance(length);
    }

    /// <summary>
    /// One bit-packed run of 1-bit values (definition levels of an optional column), one per element of
    /// <paramref name="defined"/>; the last group is padded with zeros, which readers ignore past the page's value count.
    /// </summary>
    public static void BitPackedBits(IBufferWriter<byte> output, ReadOnlySpan<bool> defined)
    {
        var groups = (defined.Length + 7) / 8;
        var span = output.GetSpan(10 + groups);
        var length = Uleb128(span, ((ulong)groups << 1) | 1);
        var bits = span.Slice(length, groups);
        bits.Clear();
        for (var i = 0; i < defined.Length; i++)
            if (defined[i]) bits[i >> 3] |= (byte)(1 << (i & 7));
        output.Advance(length + groups);
    }

    /// <summary>The bits needed for values up to <paramref name="max"/>, at least one (some readers refuse width 0).</summary>
    public static int BitWidth(int max) => Math.Max(1, 32 - int.LeadingZeroCount(max));

    private static int Uleb128(Span<byte> span, ulong value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[length++] = (byte)value;
        return length;
    }
}
