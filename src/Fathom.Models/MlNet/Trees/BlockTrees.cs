using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// The trees of a <see cref="FlatTreeEnsemble"/> laid out for scoring a block of rows at a time: trees outer, rows
/// inner, so one tree's nodes stay in L1 while the block's rows pass through it. Features arrive column-major (only
/// the features some split reads, <see cref="Features"/>, each a column of <see cref="BlockRows"/> floats). Leaves
/// are nodes whose children are themselves, so a row walks exactly the tree's depth in steps without a branch on
/// "is this a leaf", and four rows walk at once so their independent loads overlap. Each step is the same decision
/// <see cref="FlatTreeEnsemble"/> makes (left when the value is &lt;= the threshold; a missing value goes where the
/// node's default for missing goes), and each row's sum is accumulated in double in tree order, as ML.NET does.
/// </summary>
internal sealed class BlockTrees
{
    /// <summary>Rows per block: a block of 100-200 float feature columns stays within L2.</summary>
    public const int BlockRows = 256;

    private const int NanGoesLeft = int.MinValue;

    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;

    private BlockTrees(Node[] nodes, double[] values, int[] roots, int[] depths, int[] features)
    {
        _nodes = nodes;
        _values = values;
        _roots = roots;
        _depths = depths;
        Features = features;
    }

    /// <summary>The feature vector's slots that splits read, in the order of the block's columns.</summary>
    public int[] Features { get; }

    /// <summary>Floats a block of features takes (at least one column, so a leaf's dummy read stays in bounds).</summary>
    public int BlockLength => Math.Max(1, Features.Length) * BlockRows;

    /// <summary>
    /// Re-lays the flat trees (each node with its value for a missing feature, NaN: none).
    /// Nodes are numeric splits only: the caller keeps the row-at-a-time path for categorical splits.
    /// </summary>
    public static BlockTrees Build(IReadOnlyList<(int Feature, float Threshold, float Missing, int Lte, int Gt)> flat,
        IReadOnlyList<int> flatRoots, IReadOnlyList<double> leaves)
    {
        var used = flat.Select(n => n.Feature).Distinct().Order().ToArray();
        var column = used.Select((feature, index) => (feature, index)).ToDictionary(p => p.feature, p => p.index);
        var nodes = new List<Node>();
        var values = new List<double>();
        var roots = new int[flatRoots.Count];
        var depths = new int[flatRoots.Count];
        for (var t = 0; t < roots.Length; t++)
        {
            roots[t] = nodes.Count;
            depths[t] = Add(flatRoots[t]);
        }
        return new BlockTrees([.. nodes], [.. values], roots, depths, used);

        // Appends the subtree at flat index `at` (~leaf for a leaf) and returns its depth.
        int Add(int at)
        {
            var index = nodes.Count;
            nodes.Add(default);
            if (at < 0)
            {
                values.Add(leaves[~at]);
                nodes[index] = new Node { Feature = 0, Threshold = 0, Lte = index, Gt = index };
                return 0;
            }
            values.Add(0);
            var n = flat[at];
            var lte = nodes.Count;
            var lteDepth = Add(n.Lte);
            var gt = nodes.Count;
            var gtDepth = Add(n.Gt);
            // A missing value takes the node's default, so it goes left exactly when that default is <= the threshold.
            var nanLeft = n.Missing <= n.Threshold;
            nodes[index] = new Node
            {
                Feature = column[n.Feature] * BlockRows | (nanLeft ? NanGoesLeft : 0),
                Threshold = n.Threshold,
                Lte = lte,
                Gt = gt,
            };
            return 1 + Math.Max(lteDepth, gtDepth);
        }
    }

    /// <summary>Adds every tree's leaf value for rows [0, rows) of the block <paramref name="x"/> to <paramref name="sums"/>.</summary>
    public void Sum(float[] x, int rows, Span<double> sums)
    {
        if (x.Length < BlockLength || rows > BlockRows || sums.Length < rows) throw new ArgumentOutOfRangeException(nameof(rows));
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var xs = ref MemoryMarshal.GetArrayDataReference(x);
        var values = _values;
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = _roots[t];
            var depth = _depths[t];
            var r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                int a0 = root, a1 = root, a2 = root, a3 = root;
                for (var d = 0; d < depth; d++)
                {
                    a0 = Step(ref nodes, ref xs, a0, r);
                    a1 = Step(ref nodes, ref xs, a1, r + 1);
                    a2 = Step(ref nodes, ref xs, a2, r + 2);
                    a3 = Step(ref nodes, ref xs, a3, r + 3);
                }
                sums[r] += values[a0];
                sums[r + 1] += values[a1];
                sums[r + 2] += values[a2];
                sums[r + 3] += values[a3];
            }
            for (; r < rows; r++)
            {
                var a = root;
                for (var d = 0; d < depth; d++) a = Step(ref nodes, ref xs, a, r);
                sums[r] += values[a];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node nodes, ref float xs, int at, int row)
    {
        ref var node = ref Unsafe.Add(ref nodes, at);
        var feature = node.Feature;
        var value = Unsafe.Add(ref xs, (feature & int.MaxValue) + row);
        // NaN fails "<=", so it goes right unless the node sends missing values left.
        var right = (value <= node.Threshold ? 0 : 1) & ~((feature >>> 31) & (float.IsNaN(value) ? 1 : 0));
        return Unsafe.Add(ref node.Lte, right);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        /// <summary>The feature's column offset in the block, with the sign bit set when a missing value goes left.</summary>
        public int Feature;
        public float Threshold;
        public int Lte;
        /// <summary>Must follow <see cref="Lte"/>: a step reads the child at <c>Lte + (went right ? 1 : 0)</c>.</summary>
        public int Gt;
    }
}
