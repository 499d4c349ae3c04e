using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// <see cref="BlockTrees"/> compiled with its direction tables: every split is a region of a direction table (a numeric split's by
/// bin, a categorical set's by code), so a step is <c>node = left + table[region + value]</c> with no branch. A node
/// is one 64-bit word (column, left child, region), so a step costs three loads: the node, the row's value and the
/// direction. Leaves step to themselves, so eight rows walk a tree at once (their loads overlap) until none of them
/// moves. Each tree adds its leaf to its output's sum (a multiclass model's class), in tree order per output.
/// </summary>
internal sealed class BlockWalk
{
    private const int ColumnBits = 16;
    private const int LeftBits = 22;
    private const int RegionShift = ColumnBits + LeftBits;
    private const ulong ColumnMask = (1UL << ColumnBits) - 1;
    private const ulong LeftMask = (1UL << LeftBits) - 1;

    private readonly ulong[] _nodes;
    private readonly double[] _values;
    private readonly byte[] _table;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int[] _outputs;
    private readonly int _outputCount;
    private readonly Action<float[], int[], int, int[], int> _quantise;
    private readonly RowWalk? _rowWalk;
    private readonly LeafMaskWalk? _leafMasks;

    private BlockWalk(ulong[] nodes, double[] values, byte[] table, int[] roots, int[] depths, int[] outputs, int outputCount, int stride,
        Action<float[], int[], int, int[], int> quantise, RowWalk? rowWalk, LeafMaskWalk? leafMasks)
    {
        _rowWalk = rowWalk;
        _leafMasks = leafMasks;
        _outputs = outputs;
        _outputCount = outputCount;
        _nodes = nodes;
        _values = values;
        _table = table;
        _roots = roots;
        _depths = depths;
        _quantise = quantise;
        Stride = stride;
    }

    /// <summary>Whether calls of fewer than eight rows walk by compares (<see cref="RowWalk"/>) rather than the table.</summary>
    public bool WalksFewRowsByCompare => _rowWalk is not null;

    /// <summary>Whether calls of sixteen rows or more walk by leaf masks (<see cref="LeafMaskWalk"/>) rather than the table.</summary>
    public bool WalksByLeafMasks => _leafMasks is not null;

    /// <summary>Bytes a table region takes: every bin or entry id, the missing bin last.</summary>
    public int Stride { get; }

    /// <summary>
    /// Packs the nodes (column offset in the scratch block, table offset of the region, left child; a leaf's value);
    /// null when they do not fit the packed word (columns past 64K ints, more than 4M nodes, a table past 64 MB).
    /// <paramref name="rowWalk"/>, when given, walks the rows of a call of fewer than eight instead of the table;
    /// <paramref name="leafMasks"/>, when given, the rows of whole vectors of sixteen.
    /// </summary>
    public static BlockWalk? Create((int Column, long Region, int Left, double Value)[] nodes, byte[] table, int[] roots, int[] depths,
        int[] outputs, int outputCount, int stride, Action<float[], int[], int, int[], int> quantise, RowWalk? rowWalk = null, LeafMaskWalk? leafMasks = null)
    {
        var packed = new ulong[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            var (column, region, left, _) = nodes[i];
            if ((ulong)column > ColumnMask || (ulong)left > LeftMask || region < 0 || region >= 1L << (64 - RegionShift)) return null;
            packed[i] = (uint)column | (ulong)(uint)left << ColumnBits | (ulong)region << RegionShift;
        }
        if (outputs.Length != roots.Length || outputs.Any(o => (uint)o >= (uint)outputCount)) throw new ArgumentOutOfRangeException(nameof(outputs));
        return new BlockWalk(packed, [.. nodes.Select(n => n.Value)], table, roots, depths, outputs, outputCount, stride, quantise, rowWalk, leafMasks);
    }

    /// <summary>
    /// Adds every tree's leaf value for rows [0, rows) of the block (features <paramref name="x"/>, codes
    /// <paramref name="codes"/>, laid out as <see cref="BlockTrees"/> says) to <paramref name="sums"/>, row r's
    /// output o at <c>r * outputs + o</c>; <paramref name="scratch"/> takes <see cref="BlockTrees.ScratchLength"/> ints.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Sum(float[] x, int[] codes, int[] scratch, int rows, Span<double> sums)
    {
        var k = _outputCount;
        if (sums.Length < rows * k) throw new ArgumentOutOfRangeException(nameof(rows));
        _quantise(x, codes, Stride, scratch, rows);
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
        ref var block = ref MemoryMarshal.GetArrayDataReference(scratch);
        var tail = rows & ~7;
        // Rows of whole vectors go by leaf masks when they can; the table walks the rest, each row's trees by one walk.
        var first = rows >= LeafMaskWalk.Lanes && _leafMasks is { } leafMasks ? leafMasks.Sum(scratch, rows, sums) : 0;
        for (var t = 0; t < _roots.Length && first < tail; t++)
        {
            nuint root = (uint)_roots[t];
            var depth = _depths[t];
            var o = _outputs[t];
            for (var r = first; r + 8 <= rows; r += 8)
            {
                ref var row = ref Unsafe.Add(ref block, r);
                nuint a0 = root, a1 = root, a2 = root, a3 = root, a4 = root, a5 = root, a6 = root, a7 = root;
                for (var d = 0; d < depth; d++)
                {
                    var n0 = Step(ref nodes, ref row, ref table, a0, 0);
                    var n1 = Step(ref nodes, ref row, ref table, a1, 1);
                    var n2 = Step(ref nodes, ref row, ref table, a2, 2);
                    var n3 = Step(ref nodes, ref row, ref table, a3, 3);
                    var n4 = Step(ref nodes, ref row, ref table, a4, 4);
                    var n5 = Step(ref nodes, ref row, ref table, a5, 5);
                    var n6 = Step(ref nodes, ref row, ref table, a6, 6);
                    var n7 = Step(ref nodes, ref row, ref table, a7, 7);
                    // Most rows reach a leaf before the deepest one: stop once all eight stay where they are.
                    var moved = (n0 ^ a0) | (n1 ^ a1) | (n2 ^ a2) | (n3 ^ a3) | (n4 ^ a4) | (n5 ^ a5) | (n6 ^ a6) | (n7 ^ a7);
                    (a0, a1, a2, a3, a4, a5, a6, a7) = (n0, n1, n2, n3, n4, n5, n6, n7);
                    if (moved == 0) break;
                }
                sums[r * k + o] += Unsafe.Add(ref values, a0);
                sums[(r + 1) * k + o] += Unsafe.Add(ref values, a1);
                sums[(r + 2) * k + o] += Unsafe.Add(ref values, a2);
                sums[(r + 3) * k + o] += Unsafe.Add(ref values, a3);
                sums[(r + 4) * k + o] += Unsafe.Add(ref values, a4);
                sums[(r + 5) * k + o] += Unsafe.Add(ref values, a5);
                sums[(r + 6) * k + o] += Unsafe.Add(ref values, a6);
                sums[(r + 7) * k + o] += Unsafe.Add(ref values, a7);
            }
        }
        // The last rows (all of them in a call of fewer than eight, a typical single-row request) walk eight trees at once instead,
        // by compares when the trees have no categorical split (RowWalk).
        for (var r = tail; r < rows; r++)
        {
            if (_rowWalk is { } rowWalk) rowWalk.Sum(scratch, r, ref sums[r * k]);
            else EightTreeWalk.Sum<TableStep>(_nodes, _values, ref table, _roots, _depths, _outputs, ref Unsafe.Add(ref block, r), ref sums[r * k]);
        }
    }

    /// <summary>The direction-table step of a single row (lane 0 of its block), for <see cref="EightTreeWalk"/>.</summary>
    private readonly struct TableStep : ITreeStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static nuint Next(ref ulong nodes, ref int row, ref byte table, nuint at) => Step(ref nodes, ref row, ref table, at, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Step(ref ulong nodes, ref int row, ref byte table, nuint at, int lane)
    {
        var node = Unsafe.Add(ref nodes, at);
        var value = Unsafe.Add(ref row, (nint)(node & ColumnMask) + lane);
        var right = Unsafe.Add(ref table, (nint)(node >> RegionShift) + value);
        return (nuint)((node >> ColumnBits) & LeftMask) + right;
    }
}
