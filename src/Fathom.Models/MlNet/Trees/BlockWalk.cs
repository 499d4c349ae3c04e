using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// <see cref="BlockTrees"/> compiled for one call: every split is a region of a direction table (a numeric split's by
/// bin, a categorical set's by code), so a step is <c>node = left + table[region + value]</c>, with the table holding
/// the byte distance to the right child (0 or one node) and the node's column, region and left child kept as byte
/// offsets: a handful of instructions and no branch. Leaves step to themselves, so eight rows walk a tree at once
/// (their loads overlap) until none of them moves.
/// </summary>
internal sealed class BlockWalk
{
    private readonly Node[] _nodes;
    private readonly byte[] _table;
    private readonly nint[] _roots;
    private readonly int[] _depths;
    private readonly Action<float[], int[], int, int[], int> _quantise;

    public BlockWalk((int Column, int Region, int Left, double Value)[] nodes, byte[] table, int[] roots, int[] depths, int stride,
        Action<float[], int[], int, int[], int> quantise)
    {
        var size = Unsafe.SizeOf<Node>();
        _nodes = [.. nodes.Select(n => new Node(n.Column * sizeof(int), n.Region, n.Left * size, n.Value))];
        // Directions become byte distances to the child, so the step adds them without a multiply.
        _table = [.. table.Select(d => (byte)(d * size))];
        _roots = [.. roots.Select(r => (nint)(r * size))];
        _depths = depths;
        _quantise = quantise;
        Stride = stride;
    }

    /// <summary>Bytes a table region takes: every bin or code + 1 of the call, the missing bin last.</summary>
    public int Stride { get; }

    /// <summary>
    /// Adds every tree's leaf value for rows [0, rows) of the block (features <paramref name="x"/>, codes
    /// <paramref name="codes"/>, laid out as <see cref="BlockTrees"/> says) to <paramref name="sums"/>;
    /// <paramref name="scratch"/> takes <see cref="BlockTrees.ScratchLength"/> ints.
    /// </summary>
    public void Sum(float[] x, int[] codes, int[] scratch, int rows, Span<double> sums)
    {
        if (sums.Length < rows) throw new ArgumentOutOfRangeException(nameof(rows));
        _quantise(x, codes, Stride, scratch, rows);
        ref var nodes = ref Unsafe.As<Node, byte>(ref MemoryMarshal.GetArrayDataReference(_nodes));
        ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
        ref var block = ref Unsafe.As<int, byte>(ref MemoryMarshal.GetArrayDataReference(scratch));
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = _roots[t];
            var depth = _depths[t];
            var r = 0;
            for (; r + 8 <= rows; r += 8)
            {
                ref var row = ref Unsafe.Add(ref block, r * sizeof(int));
                nint a0 = root, a1 = root, a2 = root, a3 = root, a4 = root, a5 = root, a6 = root, a7 = root;
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
                sums[r] += Value(ref nodes, a0);
                sums[r + 1] += Value(ref nodes, a1);
                sums[r + 2] += Value(ref nodes, a2);
                sums[r + 3] += Value(ref nodes, a3);
                sums[r + 4] += Value(ref nodes, a4);
                sums[r + 5] += Value(ref nodes, a5);
                sums[r + 6] += Value(ref nodes, a6);
                sums[r + 7] += Value(ref nodes, a7);
            }
            for (; r < rows; r++)
            {
                ref var row = ref Unsafe.Add(ref block, r * sizeof(int));
                var a = root;
                for (var d = 0; d < depth; d++) a = Step(ref nodes, ref row, ref table, a, 0);
                sums[r] += Value(ref nodes, a);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Step(ref byte nodes, ref byte row, ref byte table, nint at, int lane)
    {
        ref var node = ref Unsafe.As<byte, Node>(ref Unsafe.Add(ref nodes, at));
        var value = Unsafe.As<byte, int>(ref Unsafe.Add(ref row, node.Column + lane * sizeof(int)));
        return node.Left + Unsafe.Add(ref table, node.Region + value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Value(ref byte nodes, nint at) => Unsafe.As<byte, Node>(ref Unsafe.Add(ref nodes, at)).Value;

    /// <param name="Column">Byte offset of the column the node reads in the scratch block.</param>
    /// <param name="Region">Byte offset of the node's region in the table.</param>
    /// <param name="Left">Byte offset of the left child (a leaf: itself); the right child follows it.</param>
    /// <param name="Value">A leaf's value.</param>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(nint Column, nint Region, nint Left, double Value);
}
