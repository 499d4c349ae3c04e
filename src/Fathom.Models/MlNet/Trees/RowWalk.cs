using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// The few-row walk (a call of fewer than eight rows: every single-row request) of trees without categorical splits:
/// a numeric split compares the row's bin with the threshold's bin held in the node, instead of looking the
/// direction up in <see cref="BlockWalk"/>'s table. The table has a region of every bin for each distinct split
/// (hundreds of kilobytes for 100 trees of 31 leaves), so each step of a single row read a cache line of its own that
/// the request's HTTP work had evicted; these nodes (one 64-bit word each) and the row are all a step reads.
/// <para>
/// Directions are the table's exactly: right when the bin is above the threshold's. A missing value goes the way its
/// node says, so each feature is read in two versions, its missing bin above every threshold (for nodes that send
/// it right) or at 0, below or at every threshold (for nodes that send it left), and each node reads its own version:
/// a step is one compare, with no test for missing. Trees still walk eight at a time until none moves, and leaf values
/// are added in tree order.
/// </para>
/// </summary>
internal sealed class RowWalk
{
    private const int ColumnBits = 16;
    private const int LeftBits = 24;
    private const int BinShift = ColumnBits + LeftBits;
    private const ulong ColumnMask = (1UL << ColumnBits) - 1;
    private const ulong LeftMask = (1UL << LeftBits) - 1;

    /// <summary>A leaf's threshold, and the bin of a missing value its node sends right: no bin is above it.</summary>
    private const int AboveAll = (1 << (64 - BinShift)) - 1;

    private const int StackFeatures = 128;

    private readonly ulong[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int[] _outputs;
    private readonly int _features;
    private readonly int _missingBin;

    private RowWalk(ulong[] nodes, double[] values, int[] roots, int[] depths, int[] outputs, int features, int missingBin)
    {
        _nodes = nodes;
        _values = values;
        _roots = roots;
        _depths = depths;
        _outputs = outputs;
        _features = features;
        _missingBin = missingBin;
    }

    /// <summary>
    /// Packs the nodes: the version of the feature a split reads (feature <c>f</c>'s at <c>2f</c> with a missing value
    /// sent right, <c>2f + 1</c> sent left), left child (the right one follows it), the threshold's bin; a leaf
    /// (<c>Bin</c> null) steps to itself. <paramref name="missingBin"/> is the bin the block walk gives a missing value.
    /// Null when they do not fit the word (more than 32K features, 16M nodes or 16M bins).
    /// </summary>
    public static RowWalk? Create(IReadOnlyList<(int Feature, int Left, int? Bin, bool MissingLeft, double Value)> nodes, int[] roots, int[] depths,
        int[] outputs, int features, int missingBin)
    {
        if ((ulong)(2 * features) > ColumnMask || missingBin >= AboveAll) return null;
        var packed = new ulong[nodes.Count];
        var values = new double[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var (feature, left, bin, missingLeft, value) = nodes[i];
            if ((uint)feature >= (uint)Math.Max(1, features) || (ulong)left > LeftMask || bin is < 0 || bin >= missingBin) return null;
            var column = 2 * feature + (missingLeft ? 1 : 0);
            packed[i] = (uint)column | (ulong)(uint)left << ColumnBits | (ulong)(uint)(bin ?? AboveAll) << BinShift;
            values[i] = value;
        }
        return new RowWalk(packed, values, roots, depths, outputs, features, missingBin);
    }

    /// <summary>
    /// Adds every tree's leaf value for row <paramref name="r"/> of the bins in <paramref name="scratch"/> (a block of
    /// <see cref="BlockTrees.BlockRows"/> per feature) to its output's entry from <paramref name="sum"/> on.
    /// </summary>
    public void Sum(int[] scratch, int r, ref double sum)
    {
        var rented = _features > StackFeatures ? ArrayPool<int>.Shared.Rent(2 * _features) : null;
        var row = rented is null ? stackalloc int[2 * StackFeatures] : rented.AsSpan();
        for (var f = 0; f < _features; f++)
        {
            var bin = scratch[f * BlockTrees.BlockRows + r];
            var missing = bin == _missingBin;
            row[2 * f] = missing ? AboveAll : bin;
            row[2 * f + 1] = missing ? 0 : bin;
        }
        EightTreeWalk.Sum<CompareStep>(_nodes, _values, ref Unsafe.NullRef<byte>(), _roots, _depths, _outputs, ref MemoryMarshal.GetReference(row), ref sum);
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
    }

    /// <summary>Right when the row's bin is above the node's threshold bin (no table), for <see cref="EightTreeWalk"/>.</summary>
    private readonly struct CompareStep : ITreeStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static nuint Next(ref ulong nodes, ref int row, ref byte table, nuint at)
        {
            var node = Unsafe.Add(ref nodes, at);
            var right = Unsafe.Add(ref row, (nint)(node & ColumnMask)) > (int)(node >> BinShift) ? 1u : 0u;
            return (nuint)((node >> ColumnBits) & LeftMask) + right;
        }
    }
}
