using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// The few-row walk (a call of fewer than eight rows: every single-row request) of trees without categorical splits:
/// a numeric split compares the row's bin with the threshold's bin held in the node, instead of looking the
/// direction up in <see cref="BlockWalk"/>'s table. The table has a region of every bin for each distinct split
/// (hundreds of kilobytes for 100 trees of 31 leaves), so each step of a single row read a cache line of its own that
/// the request's HTTP work had evicted; these nodes (one 64-bit word each) are the only memory a step reads besides
/// the row. Directions are the table's exactly: right when the bin is above the threshold's, and a missing value
/// (the last bin) goes the way the table's last entry says. Trees still walk eight at a time until none moves, and
/// leaf values are added in tree order.
/// </summary>
internal sealed class RowWalk
{
    private const int ColumnBits = 16;
    private const int LeftBits = 22;
    private const int BinShift = ColumnBits + LeftBits;
    private const int BinBits = 24;
    private const int MissingLeftShift = BinShift + BinBits;
    private const ulong ColumnMask = (1UL << ColumnBits) - 1;
    private const ulong LeftMask = (1UL << LeftBits) - 1;
    private const uint BinMask = (1U << BinBits) - 1;

    private readonly ulong[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int[] _outputs;
    private readonly uint _missingBin;

    private RowWalk(ulong[] nodes, double[] values, int[] roots, int[] depths, int[] outputs, uint missingBin)
    {
        _nodes = nodes;
        _values = values;
        _roots = roots;
        _depths = depths;
        _outputs = outputs;
        _missingBin = missingBin;
    }

    /// <summary>
    /// Packs the nodes: a split's column offset in the scratch block, left child (the right one follows it), the
    /// threshold's bin and whether a missing value goes left; a leaf (<c>Bin</c> null) steps to itself. Null when they
    /// do not fit the word (columns past 64K ints, more than 4M nodes, bins past 16M).
    /// </summary>
    public static RowWalk? Create(IReadOnlyList<(int Column, int Left, int? Bin, bool MissingLeft, double Value)> nodes, int[] roots, int[] depths,
        int[] outputs, int missingBin)
    {
        if ((uint)missingBin >= BinMask) return null;
        var packed = new ulong[nodes.Count];
        var values = new double[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var (column, left, bin, missingLeft, value) = nodes[i];
            if ((ulong)column > ColumnMask || (ulong)left > LeftMask || bin is < 0 || bin >= missingBin) return null;
            // A leaf's bin is above every value's (the missing bin included), so it never moves.
            var threshold = bin is { } b ? (uint)b : BinMask;
            packed[i] = (uint)column | (ulong)(uint)left << ColumnBits | (ulong)threshold << BinShift | (missingLeft ? 1UL : 0UL) << MissingLeftShift;
            values[i] = value;
        }
        return new RowWalk(packed, values, roots, depths, outputs, (uint)missingBin);
    }

    /// <summary>Adds every tree's leaf value for the row of bins at <paramref name="row"/> to its output's entry from <paramref name="sum"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Sum(ref int row, ref double sum)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref var outputs = ref MemoryMarshal.GetArrayDataReference(_outputs);
        var roots = _roots;
        var missing = _missingBin;
        var t = 0;
        for (; t + 8 <= roots.Length; t += 8)
        {
            nuint a0 = (uint)roots[t], a1 = (uint)roots[t + 1], a2 = (uint)roots[t + 2], a3 = (uint)roots[t + 3];
            nuint a4 = (uint)roots[t + 4], a5 = (uint)roots[t + 5], a6 = (uint)roots[t + 6], a7 = (uint)roots[t + 7];
            while (true)
            {
                var n0 = Step(ref nodes, ref row, a0, missing);
                var n1 = Step(ref nodes, ref row, a1, missing);
                var n2 = Step(ref nodes, ref row, a2, missing);
                var n3 = Step(ref nodes, ref row, a3, missing);
                var n4 = Step(ref nodes, ref row, a4, missing);
                var n5 = Step(ref nodes, ref row, a5, missing);
                var n6 = Step(ref nodes, ref row, a6, missing);
                var n7 = Step(ref nodes, ref row, a7, missing);
                // Leaves step to themselves: done once no tree's walk moved.
                var moved = (n0 ^ a0) | (n1 ^ a1) | (n2 ^ a2) | (n3 ^ a3) | (n4 ^ a4) | (n5 ^ a5) | (n6 ^ a6) | (n7 ^ a7);
                (a0, a1, a2, a3, a4, a5, a6, a7) = (n0, n1, n2, n3, n4, n5, n6, n7);
                if (moved == 0) break;
            }
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t)) += Unsafe.Add(ref values, a0);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 1)) += Unsafe.Add(ref values, a1);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 2)) += Unsafe.Add(ref values, a2);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 3)) += Unsafe.Add(ref values, a3);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 4)) += Unsafe.Add(ref values, a4);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 5)) += Unsafe.Add(ref values, a5);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 6)) += Unsafe.Add(ref values, a6);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 7)) += Unsafe.Add(ref values, a7);
        }
        for (; t < roots.Length; t++)
        {
            var a = (nuint)(uint)roots[t];
            for (var d = 0; d < _depths[t]; d++) a = Step(ref nodes, ref row, a, missing);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t)) += Unsafe.Add(ref values, a);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Step(ref ulong nodes, ref int row, nuint at, uint missing)
    {
        var node = Unsafe.Add(ref nodes, at);
        var value = (uint)Unsafe.Add(ref row, (nint)(node & ColumnMask));
        var above = value > ((uint)(node >> BinShift) & BinMask) ? 1u : 0u;
        var missingLeft = (value == missing ? 1u : 0u) & (uint)(node >> MissingLeftShift);
        return (nuint)((node >> ColumnBits) & LeftMask) + (above ^ missingLeft);
    }
}
