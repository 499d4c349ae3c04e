using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Fathom.Monitoring;

/// <summary>
/// Sorts doubles (no NaN) on order-preserving 64-bit keys with one most-significant-digit radix pass: the keys'
/// common prefix is skipped, the next bits pick a bucket (about 16 values each, at most 65,536 buckets), and
/// each bucket is finished by a small comparison sort (or another pass when it is large). That is three passes over
/// the data instead of the four scatter passes of an LSD sort. The result lives in a buffer rented from the shared
/// pool (<see cref="SortedBuffer"/>), so sorting a column allocates nothing the GC has to collect.
/// Orders -0.0 before +0.0, which comparison sorts leave unspecified.
/// </summary>
internal static class RadixSort
{
    private const int MaxBucketBits = 16;
    private const int SmallBucket = 48;

    /// <summary>The values sorted into a pooled buffer, NaN (missing) dropped; dispose it to give the buffer back.</summary>
    public static SortedBuffer Sort(ReadOnlySpan<double> values)
    {
        var keys = ArrayPool<ulong>.Shared.Rent(Math.Max(1, values.Length));
        // The keys are written to a scratch buffer and scattered from it into the result: no copy back.
        var unsorted = ArrayPool<ulong>.Shared.Rent(Math.Max(1, values.Length));
        try
        {
            var n = 0;
            foreach (var v in values)
                if (!double.IsNaN(v)) unsorted[n++] = ToKey(v);
            Scatter(unsorted.AsSpan(0, n), keys.AsSpan(0, n));
            for (var i = 0; i < n; i++) keys[i] = (ulong)BitConverter.DoubleToInt64Bits(FromKey(keys[i]));
            return new SortedBuffer(keys, n);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(unsorted);
        }
    }

    /// <summary>A sorted copy in a new array, for callers that keep it.</summary>
    public static double[] SortedCopy(ReadOnlySpan<double> values)
    {
        using var sorted = Sort(values);
        return sorted.Values.ToArray();
    }

    /// <summary>Sorts unsigned keys in place (e.g. row hashes), with a pooled scratch buffer.</summary>
    public static void SortInPlace(Span<ulong> keys)
    {
        if (keys.Length <= SmallBucket)
        {
            InsertionSort(keys);
            return;
        }
        var scratch = ArrayPool<ulong>.Shared.Rent(keys.Length);
        try
        {
            SortKeys(keys, scratch.AsSpan(0, keys.Length));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    // Sorts keys in place; scratch has the same length.
    private static void SortKeys(Span<ulong> keys, Span<ulong> scratch)
    {
        keys.CopyTo(scratch);
        Scatter(scratch, keys);
    }

    // Writes the keys of `source` sorted into `keys` (same length); `source` is scratch afterwards.
    private static void Scatter(Span<ulong> source, Span<ulong> keys)
    {
        if (source.Length <= SmallBucket)
        {
            source.CopyTo(keys);
            InsertionSort(keys);
            return;
        }
        ulong min = ulong.MaxValue, max = 0;
        foreach (var k in source)
        {
            if (k < min) min = k;
            if (k > max) max = k;
        }
        if (min == max)
        {
            source.CopyTo(keys);
            return;
        }
        // About 16 values per bucket, at most 65,536 buckets (the counts then still fit in the L2 cache).
        var bucketBits = Math.Clamp(BitOperations.Log2((uint)keys.Length) - 4, 4, MaxBucketBits);
        var shift = Math.Max(0, 64 - BitOperations.LeadingZeroCount(max - min) - bucketBits);
        var buckets = (int)((max - min) >> shift) + 1;
        var starts = ArrayPool<int>.Shared.Rent(buckets + 1);
        try
        {
            Array.Clear(starts, 0, buckets + 1);
            foreach (var k in source) starts[(int)((k - min) >> shift) + 1]++;
            for (var b = 1; b <= buckets; b++) starts[b] += starts[b - 1];
            var next = ArrayPool<int>.Shared.Rent(buckets);
            try
            {
                Array.Copy(starts, next, buckets);
                foreach (var k in source) keys[next[(int)((k - min) >> shift)]++] = k;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(next);
            }
            for (var b = 0; b < buckets; b++)
            {
                var length = starts[b + 1] - starts[b];
                if (length < 2) continue;
                var bucket = keys.Slice(starts[b], length);
                if (shift == 0) continue; // a bucket one key wide holds equal keys
                if (length <= SmallBucket) InsertionSort(bucket);
                else SortKeys(bucket, source.Slice(starts[b], length));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
        }
    }

    private static void InsertionSort(Span<ulong> bucket)
    {
        for (var i = 1; i < bucket.Length; i++)
        {
            var k = bucket[i];
            var j = i - 1;
            while (j >= 0 && bucket[j] > k)
            {
                bucket[j + 1] = bucket[j];
                j--;
            }
            bucket[j + 1] = k;
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

/// <summary>Sorted values in a buffer rented from the shared pool; <see cref="Dispose"/> returns it.</summary>
internal sealed class SortedBuffer(ulong[] buffer, int length) : IDisposable
{
    private ulong[]? _buffer = buffer;

    public int Length { get; } = length;

    public ReadOnlySpan<double> Values => MemoryMarshal.Cast<ulong, double>(
        (_buffer ?? throw new ObjectDisposedException(nameof(SortedBuffer))).AsSpan(0, Length));

    public void Dispose()
    {
        if (_buffer is null) return;
        ArrayPool<ulong>.Shared.Return(_buffer);
        _buffer = null;
    }
}
