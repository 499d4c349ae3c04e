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
/// A categorical split (LightGBM's, over one-hot slots of one text input) depends only on the row's category, so it
/// reads the row's code from a code column and looks its direction up in a table built per call
/// (<see cref="BlockFeaturizer.CategoricalTable"/>) from the same text entries the row path reads.
/// </summary>
internal sealed class BlockTrees
{
    /// <summary>Rows per block: a block of 100-200 float feature columns stays within L2.</summary>
    public const int BlockRows = 256;

    private const int NanGoesLeft = int.MinValue;
    private const int Categorical = 1 << 30;
    private const int OffsetMask = Categorical - 1;

    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;

    private BlockTrees(Node[] nodes, double[] values, int[] roots, int[] depths, int[] features, int[] codeBlocks, CategoricalSet[] sets)
    {
        CodeBlocks = codeBlocks;
        Sets = sets;
        _nodes = nodes;
        _values = values;
        _roots = roots;
        _depths = depths;
        Features = features;
    }

    /// <summary>The feature vector's slots that splits read, in the order of the block's columns.</summary>
    public int[] Features { get; }

    /// <summary>The text blocks (of <see cref="TreeFeaturizer"/>) whose codes categorical splits read, in code column order.</summary>
    public int[] CodeBlocks { get; }

    /// <summary>The categorical splits' feature sets, by set index.</summary>
    public CategoricalSet[] Sets { get; }

    /// <summary>Floats a block of features takes (at least one column, so a leaf's dummy read stays in bounds).</summary>
    public int BlockLength => Math.Max(1, Features.Length) * BlockRows;

    /// <summary>Ints a block of category codes takes.</summary>
    public int CodeLength => Math.Max(1, CodeBlocks.Length) * BlockRows;

    /// <summary>
    /// A categorical split: it goes right when any of <paramref name="Features"/> (slots of text block
    /// <paramref name="TextBlock"/>) is &gt; 0, a missing value counting as <paramref name="Missing"/>.
    /// </summary>
    public sealed record CategoricalSet(int TextBlock, int[] Features, float Missing);

    /// <summary>
    /// Re-lays the flat trees (each node with its value for a missing feature, NaN: none; a categorical node's feature
    /// is ~k for set k of <paramref name="categorical"/>). <paramref name="textBlockOf"/> names the text block a
    /// feature slot belongs to (-1: none); null when a categorical split spans anything but one text block.
    /// </summary>
    public static BlockTrees? Build(IReadOnlyList<(int Feature, float Threshold, float Missing, int Lte, int Gt)> flat,
        IReadOnlyList<int> flatRoots, IReadOnlyList<double> leaves, IReadOnlyList<int[]> categorical, Func<int, int> textBlockOf)
    {
        var used = flat.Where(n => n.Feature >= 0).Select(n => n.Feature).Distinct().Order().ToArray();
        var column = used.Select((feature, index) => (feature, index)).ToDictionary(p => p.feature, p => p.index);
        var codeBlocks = new List<int>();
        var sets = new List<CategoricalSet>();
        var setIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new List<Node>();
        var values = new List<double>();
        var roots = new int[flatRoots.Count];
        var depths = new int[flatRoots.Count];
        for (var t = 0; t < roots.Length; t++)
        {
            roots[t] = nodes.Count;
            var depth = Add(flatRoots[t]);
            if (depth < 0) return null;
            depths[t] = depth;
        }
        return new BlockTrees([.. nodes], [.. values], roots, depths, used, [.. codeBlocks], [.. sets]);

        // Appends the subtree at flat index `at` (~leaf for a leaf) and returns its depth, or -1 when it cannot be laid out.
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
            if (lteDepth < 0 || gtDepth < 0) return -1;
            if (n.Feature < 0)
            {
                var set = Set(categorical[~n.Feature], n.Missing);
                if (set is not var (codeColumn, k)) return -1;
                nodes[index] = new Node { Feature = codeColumn * BlockRows | Categorical, Set = k, Lte = lte, Gt = gt };
            }
            else
            {
                // A missing value takes the node's default, so it goes left exactly when that default is <= the threshold.
                var nanLeft = n.Missing <= n.Threshold;
                nodes[index] = new Node
                {
                    Feature = column[n.Feature] * BlockRows | (nanLeft ? NanGoesLeft : 0),
                    Threshold = n.Threshold,
                    Lte = lte,
                    Gt = gt,
                };
            }
            return 1 + Math.Max(lteDepth, gtDepth);
        }

        (int CodeColumn, int Set)? Set(int[] features, float missing)
        {
            if (features.Length == 0) return null;
            var block = textBlockOf(features[0]);
            if (block < 0 || features.Any(f => textBlockOf(f) != block)) return null;
            var codeColumn = codeBlocks.IndexOf(block);
            if (codeColumn < 0)
            {
                codeColumn = codeBlocks.Count;
                codeBlocks.Add(block);
            }
            var key = $"{block}:{BitConverter.SingleToInt32Bits(missing)}:{string.Join(',', features)}";
            if (!setIndex.TryGetValue(key, out var k))
            {
                k = sets.Count;
                setIndex[key] = k;
                sets.Add(new CategoricalSet(block, features, missing));
            }
            return (codeColumn, k);
        }
    }

    /// <summary>
    /// Adds every tree's leaf value for rows [0, rows) of the block (features <paramref name="x"/>, codes
    /// <paramref name="codes"/>) to <paramref name="sums"/>; <paramref name="table"/> holds each categorical set's
    /// direction (1: right) per code, <paramref name="stride"/> codes per set.
    /// </summary>
    public void Sum(float[] x, int[] codes, byte[] table, int stride, int rows, Span<double> sums)
    {
        if (x.Length < BlockLength || codes.Length < CodeLength || table.Length < Sets.Length * stride || rows > BlockRows || sums.Length < rows)
            throw new ArgumentOutOfRangeException(nameof(rows));
        var block = new Block(x, codes, table, stride);
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
                    a0 = Step(block, a0, r);
                    a1 = Step(block, a1, r + 1);
                    a2 = Step(block, a2, r + 2);
                    a3 = Step(block, a3, r + 3);
                }
                sums[r] += values[a0];
                sums[r + 1] += values[a1];
                sums[r + 2] += values[a2];
                sums[r + 3] += values[a3];
            }
            for (; r < rows; r++)
            {
                var a = root;
                for (var d = 0; d < depth; d++) a = Step(block, a, r);
                sums[r] += values[a];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(in Block block, int at, int row)
    {
        ref var node = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nodes), at);
        var feature = node.Feature;
        int right;
        if ((feature & Categorical) == 0)
        {
            var value = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(block.X), (feature & OffsetMask) + row);
            // NaN fails "<=", so it goes right unless the node sends missing values left.
            right = (value <= node.Threshold ? 0 : 1) & ~((feature >>> 31) & (float.IsNaN(value) ? 1 : 0));
        }
        else
        {
            var code = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(block.Codes), (feature & OffsetMask) + row);
            right = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(block.Table), node.Set * block.Stride + code);
        }
        return Unsafe.Add(ref node.Lte, right);
    }

    private readonly record struct Block(float[] X, int[] Codes, byte[] Table, int Stride);

    [StructLayout(LayoutKind.Explicit)]
    private struct Node
    {
        /// <summary>
        /// The feature's (or for a categorical split the code's) column offset in the block, with
        /// <see cref="Categorical"/> set for a categorical split and the sign bit when a missing value goes left.
        /// </summary>
        [FieldOffset(0)] public int Feature;
        [FieldOffset(4)] public float Threshold;
        /// <summary>A categorical split's set index, in place of the threshold.</summary>
        [FieldOffset(4)] public int Set;
        [FieldOffset(8)] public int Lte;
        /// <summary>Must follow <see cref="Lte"/>: a step reads the child at <c>Lte + (went right ? 1 : 0)</c>.</summary>
        [FieldOffset(12)] public int Gt;
    }
}
