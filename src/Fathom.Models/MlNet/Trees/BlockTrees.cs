using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// The trees of a <see cref="FlatTreeEnsemble"/> laid out for scoring a block of rows at a time: trees outer, rows
/// inner, so one tree's nodes stay in L1 while the block's rows pass through it. Features arrive column-major (only
/// the features some split reads, <see cref="Features"/>, each a column of <see cref="BlockRows"/> floats) and are
/// first replaced by their bins (<see cref="FeatureBins"/>), so a numeric split depends only on the row's bin, as a
/// categorical split (LightGBM's, over one-hot slots of one text input) depends only on the row's category code.
/// Every split is therefore a lookup of the row's bin or code in a table of directions (<see cref="BlockWalk"/>);
/// codes are stable entry ids (<see cref="TreeFeaturizer.Entry.Id"/>), so the scorer builds the table once and again
/// only when new entries outgrow it. Each row's sum is accumulated in double in tree order,
/// as ML.NET does, so the float result is identical.
/// </summary>
internal sealed class BlockTrees
{
    /// <summary>Rows per block: a block of 100-200 feature columns stays within L2.</summary>
    public const int BlockRows = 256;

    private readonly Node[] _nodes;
    private readonly (int Bin, bool MissingLeft)[] _numeric;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly FeatureBins[] _bins;
    private readonly int[] _outputs;
    private readonly int[] _setColumns;
    private readonly int _setGroups;

    private BlockTrees(Node[] nodes, (int, bool)[] numeric, int[] roots, int[] depths, int[] features, FeatureBins[] bins, int[] codeBlocks, CategoricalSet[] sets,
        int[] outputs, int outputCount)
    {
        _outputs = outputs;
        OutputCount = outputCount;
        _nodes = nodes;
        _numeric = numeric;
        _roots = roots;
        _depths = depths;
        _bins = bins;
        Features = features;
        CodeBlocks = codeBlocks;
        Sets = sets;
        MinStride = bins.Select(b => b.Count).DefaultIfEmpty(0).Max() + 2;
        _setColumns = [.. sets.Select(s => Array.IndexOf(codeBlocks, s.TextBlock))];
        _setGroups = LeafMaskWalk.Groups(_setColumns).Count;
    }

    /// <summary>Sums a row has: one per tree group (a multiclass model's class).</summary>
    public int OutputCount { get; }

    /// <summary>The feature vector's slots that splits read, in the order of the block's columns.</summary>
    public int[] Features { get; }

    /// <summary>The text blocks (of <see cref="TreeFeaturizer"/>) whose codes categorical splits read, in code column order.</summary>
    public int[] CodeBlocks { get; }

    /// <summary>The categorical splits' feature sets, by set index.</summary>
    public CategoricalSet[] Sets { get; }

    /// <summary>The least table stride: room for every bin and, last, the missing bin.</summary>
    public int MinStride { get; }

    /// <summary>Floats a block of features takes.</summary>
    public int BlockLength => Math.Max(1, Features.Length) * BlockRows;

    /// <summary>Ints a block of category codes takes.</summary>
    public int CodeLength => Math.Max(1, CodeBlocks.Length) * BlockRows;

    /// <summary>Ints the walk's scratch block (bins, then codes, then <see cref="LeafMaskWalk"/>'s words of categorical directions) takes.</summary>
    public int ScratchLength => Math.Max(1, Features.Length + CodeBlocks.Length + _setGroups) * BlockRows;

    /// <summary>
    /// A categorical split: it goes right when any of <paramref name="Features"/> (slots of text block
    /// <paramref name="TextBlock"/>) is &gt; 0, a missing value counting as <paramref name="Missing"/>.
    /// </summary>
    public sealed record CategoricalSet(int TextBlock, int[] Features, float Missing);

    /// <summary>
    /// Re-lays the flat trees (each node with its value for a missing feature, NaN: none; a categorical node's feature
    /// is ~k for set k of <paramref name="categorical"/>). <paramref name="textBlockOf"/> names the text block a
    /// feature slot belongs to (-1: none); null when a categorical split spans anything but one text block.
    /// <paramref name="outputs"/> gives each root's output (default: all 0, one output).
    /// </summary>
    public static BlockTrees? Build(IReadOnlyList<(int Feature, float Threshold, float Missing, int Lte, int Gt)> flat,
        IReadOnlyList<int> flatRoots, IReadOnlyList<double> leaves, IReadOnlyList<int[]> categorical, Func<int, int> textBlockOf,
        IReadOnlyList<int>? outputs = null, int outputCount = 1)
    {
        var rootOutputs = outputs?.ToArray() ?? new int[flatRoots.Count];
        if (rootOutputs.Length != flatRoots.Count || rootOutputs.Any(o => (uint)o >= (uint)outputCount)) throw new ArgumentOutOfRangeException(nameof(outputs));
        var used = flat.Where(n => n.Feature >= 0).Select(n => n.Feature).Distinct().Order().ToArray();
        var column = used.Select((feature, index) => (feature, index)).ToDictionary(p => p.feature, p => p.index);
        var bins = used.Select(f => new FeatureBins(flat.Where(n => n.Feature == f).Select(n => n.Threshold))).ToArray();
        var codeBlocks = new List<int>();
        var sets = new List<CategoricalSet>();
        var setIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new List<Node>();
        var numeric = new List<(int Bin, bool MissingLeft)>();
        var numericIndex = new Dictionary<(int, int, bool), int>();
        var roots = new int[flatRoots.Count];
        var depths = new int[flatRoots.Count];
        for (var t = 0; t < roots.Length; t++)
        {
            roots[t] = Allocate(1);
            var depth = Add(flatRoots[t], roots[t]);
            if (depth < 0) return null;
            depths[t] = depth;
        }
        // Code columns follow the feature columns in the scratch block; only now is their offset known.
        var codeBase = used.Length * BlockRows;
        // Regions: 0 for leaves, then the numeric splits', then the categorical sets'.
        var laid = nodes.Select(n => n.Region < 0 ? n with { Column = codeBase + n.Column, Region = 1 + numeric.Count + ~n.Region } : n).ToArray();
        return new BlockTrees(laid, [.. numeric], roots, depths, used, bins, [.. codeBlocks], [.. sets], rootOutputs, outputCount);

        int Allocate(int count)
        {
            var first = nodes.Count;
            for (var i = 0; i < count; i++) nodes.Add(default);
            return first;
        }

        // Lays the subtree at flat index `at` (~leaf for a leaf) into slot `index` and returns its depth, or -1 when it cannot be laid out.
        int Add(int at, int index)
        {
            if (at < 0)
            {
                nodes[index] = new Node(0, 0, index, leaves[~at]);
                return 0;
            }
            var n = flat[at];
            var left = Allocate(2);
            var lteDepth = Add(n.Lte, left);
            var gtDepth = Add(n.Gt, left + 1);
            if (lteDepth < 0 || gtDepth < 0) return -1;
            if (n.Feature < 0)
            {
                if (Set(categorical[~n.Feature], n.Missing) is not var (codeColumn, k)) return -1;
                nodes[index] = new Node(codeColumn * BlockRows, ~k, left, 0);
            }
            else
            {
                // A missing value takes the node's default, so it goes left exactly when that default is <= the threshold.
                var c = column[n.Feature];
                var split = (c, bins[c].Of(n.Threshold), n.Missing <= n.Threshold);
                if (!numericIndex.TryGetValue(split, out var region))
                {
                    numeric.Add((split.Item2, split.Item3));
                    region = numericIndex[split] = numeric.Count;
                }
                nodes[index] = new Node(c * BlockRows, region, left, 0);
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
    /// The walk whose categorical sets have directions <paramref name="sets"/> (<paramref name="stride"/> bytes a set,
    /// by code, as <see cref="BlockFeaturizer.CategoricalTable"/> builds them); null when the trees are too large for
    /// its packed nodes. Blocks walk by leaf masks (<see cref="LeafMaskWalk"/>) where the machine and the trees allow it and
    /// <paramref name="leafMasks"/> (tests turn it off to compare the two walks).
    /// </summary>
    public BlockWalk? Walk(byte[] sets, int stride, bool leafMasks = true)
    {
        if (stride < MinStride || sets.Length < Sets.Length * stride) throw new ArgumentOutOfRangeException(nameof(stride));
        var regions = 1 + _numeric.Length + Sets.Length;
        var table = new byte[(long)regions * stride];
        for (var i = 0; i < _numeric.Length; i++)
        {
            var (bin, missingLeft) = _numeric[i];
            var region = table.AsSpan((1 + i) * stride, stride);
            // Bins up to the threshold's go left; the last entry is the missing bin.
            region[(bin + 1)..^1].Fill(1);
            region[^1] = missingLeft ? (byte)0 : (byte)1;
        }
        sets.AsSpan(0, Sets.Length * stride).CopyTo(table.AsSpan((1 + _numeric.Length) * stride));
        // Without categorical splits every split is a bin compare, which a few-row call takes without the table.
        var rowWalk = Sets.Length > 0 ? null : RowWalk.Create(
            [.. _nodes.Select(n => n.Region == 0 ? (0, n.Left, (int?)null, false, n.Value)
                : (n.Column / BlockRows, n.Left, _numeric[n.Region - 1].Bin, _numeric[n.Region - 1].MissingLeft, n.Value))],
            _roots, _depths, _outputs, Features.Length, stride - 1);
        var leafMaskWalk = leafMasks
            ? LeafMaskWalk.Create([.. _nodes.Select(n => (n.Column, n.Region, n.Left, n.Value))], _numeric, _roots, _outputs, OutputCount, sets, _setColumns,
                stride, Features.Length * BlockRows, (Features.Length + CodeBlocks.Length) * BlockRows)
            : null;
        return BlockWalk.Create([.. _nodes.Select(n => (n.Column, (long)n.Region * stride, n.Left, n.Value))], table, _roots, _depths, _outputs, OutputCount,
            stride, Quantise, rowWalk, leafMaskWalk);
    }

    /// <summary>
    /// Bins the feature columns of <paramref name="x"/> into <paramref name="scratch"/> (a NaN takes the stride's last
    /// entry) and copies the code columns after them.
    /// </summary>
    private void Quantise(float[] x, int[] codes, int stride, int[] scratch, int rows)
    {
        if (x.Length < BlockLength || codes.Length < CodeLength || scratch.Length < ScratchLength || rows > BlockRows)
            throw new ArgumentOutOfRangeException(nameof(rows));
        for (var c = 0; c < _bins.Length; c++)
            _bins[c].Fill(x.AsSpan(c * BlockRows, rows), scratch.AsSpan(c * BlockRows, rows), stride - 1);
        var codeBase = _bins.Length * BlockRows;
        for (var c = 0; c < CodeBlocks.Length; c++)
        {
            var source = codes.AsSpan(c * BlockRows, rows);
            var target = scratch.AsSpan(codeBase + c * BlockRows, rows);
            // Codes index the table: one beyond its stride would read another set's directions.
            for (var i = 0; i < rows; i++) target[i] = (uint)source[i] < (uint)stride ? source[i] : throw new ArgumentOutOfRangeException(nameof(codes));
        }
        // A model without splits still reads column 0 at its leaves.
        if (_bins.Length + CodeBlocks.Length == 0) scratch.AsSpan(0, rows).Clear();
    }

    /// <param name="Column">The offset of the column the node reads in the scratch block (a leaf: 0).</param>
    /// <param name="Region">The node's region of the direction table (a leaf: 0, all left; a categorical split: ~set until laid out).</param>
    /// <param name="Left">The left child (or for a leaf itself); the right child follows it.</param>
    /// <param name="Value">A leaf's value.</param>
    private readonly record struct Node(int Column, int Region, int Left, double Value);
}
