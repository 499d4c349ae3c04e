namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// Sorted copies: the one sort most numerical tests need. Large samples use an LSD radix sort on the IEEE bit
/// patterns (order-preserving key transform), several times faster than a comparison sort on a million values;
/// digits shared by every value are skipped. Samples never contain NaN (missing values are removed by the caller).
/// </summary>
internal static class Sorted
{
    private const int RadixThreshold = 4096;
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;

    public static double[] Copy(ReadOnlySpan<double> sample)
    {
        if (sample.Length < RadixThreshold)
        {
            var copy = sample.ToArray();
            Array.Sort(copy);
            return copy;
        }
        return RadixSort(sample);
    }

    private static double[] RadixSort(ReadOnlySpan<double> sample)
    {
        var n = sample.Length;
        var keys = new ulong[n];
        var scratch = new ulong[n];
        ulong and = ulong.MaxValue, or = 0;
        for (var i = 0; i < n; i++)
        {
            var key = Key(sample[i]);
            keys[i] = key;
            and &= key;
            or |= key;
        }
        var differing = and ^ or;
        var counts = new int[Buckets];
        for (var shift = 0; shift < 64; shift += DigitBits)
        {
            if (((differing >> shift) & (Buckets - 1)) == 0)
            {
                continue;
            }
            Array.Clear(counts);
            foreach (var key in keys)
            {
                counts[(int)((key >> shift) & (Buckets - 1))]++;
            }
            var offset = 0;
            for (var b = 0; b < Buckets; b++)
            {
                var c = counts[b];
                counts[b] = offset;
                offset += c;
            }
            foreach (var key in keys)
            {
                scratch[counts[(int)((key >> shift) & (Buckets - 1))]++] = key;
            }
            (keys, scratch) = (scratch, keys);
        }
        var sorted = new double[n];
        for (var i = 0; i < n; i++)
        {
            sorted[i] = Value(keys[i]);
        }
        return sorted;
    }

    /// <summary>Maps a double to an unsigned key with the same order: flip all bits of negatives, the sign of positives.</summary>
    private static ulong Key(double value)
    {
        // -0.0 and 0.0 compare equal; giving them one key keeps equal values adjacent for the tie-aware walks.
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    private static double Value(ulong key)
    {
        var bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
        return BitConverter.Int64BitsToDouble((long)bits);
    }
}
