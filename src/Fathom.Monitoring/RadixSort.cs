using System.Buffers;

namespace Fathom.Monitoring;

/// <summary>
/// Sorts doubles (no NaN) by an LSD radix sort on order-preserving 64-bit keys: four 16-bit passes, several times
/// faster than a comparison sort on a million values. Used wherever a column is sorted (quality statistics,
/// the samples handed to drift tests). Orders -0.0 before +0.0, which comparison sorts leave unspecified.
/// </summary>
internal static class RadixSort
{
    private const int SmallEnoughForArraySort = 4096;

    public static double[] SortedCopy(ReadOnlySpan<double> values)
    {
        var result = new double[values.Length];
        if (values.Length <= SmallEnoughForArraySort)
        {
            values.CopyTo(result);
            Array.Sort(result);
            return result;
        }
        var keys = ArrayPool<ulong>.Shared.Rent(values.Length);
        var scratch = ArrayPool<ulong>.Shared.Rent(values.Length);
        var counts = new int[1 << 16];
        try
        {
            for (var i = 0; i < values.Length; i++) keys[i] = ToKey(values[i]);
            var (source, target) = (keys, scratch);
            for (var shift = 0; shift < 64; shift += 16)
            {
                Array.Clear(counts);
                for (var i = 0; i < values.Length; i++) counts[(int)(source[i] >> shift) & 0xFFFF]++;
                if (counts.Contains(values.Length)) continue; // every key shares this digit: the pass would not move anything
                var total = 0;
                for (var d = 0; d < counts.Length; d++) (counts[d], total) = (total, total + counts[d]);
                for (var i = 0; i < values.Length; i++) target[counts[(int)(source[i] >> shift) & 0xFFFF]++] = source[i];
                (source, target) = (target, source);
            }
            for (var i = 0; i < values.Length; i++) result[i] = FromKey(source[i]);
            return result;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    // Flips negative numbers entirely and sets the sign bit of positive ones, so unsigned order = numeric order.
    private static ulong ToKey(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    private static double FromKey(ulong key)
    {
        var bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
        return BitConverter.Int64BitsToDouble((long)bits);
    }
}
