using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// <see cref="BlockWalk"/>'s walk of sixteen rows at a time with AVX-512, by leaf masks (QuickScorer, Lucchese et al.
/// 2015): a tree's leaves are the bits, left to right, of a 32-bit word, and every split has a mask clearing the
/// leaves of its left subtree. A row starts with every bit set and takes the mask of each split that sends it right;
/// the lowest bit left is its exit leaf, since every leaf left of it lies in the left subtree of a split on the row's
/// path that went right, and no mask clears the exit leaf. Every split of a tree is tested, with no branch and no
/// dependent load: a numeric split is an unsigned compare of sixteen bins, a categorical split a test of one bit of a
/// word per row that holds the directions of 32 sets for the row's code, filled once per block (.NET has no AVX-512
/// gather, and one word serves every split of its 32 sets). The exit leaf's value is picked from the tree's 32 leaves
/// held in four registers. Passes of 128 rows (eight vectors) through one tree keep eight independent chains in
/// flight. Each row's leaf values are added in tree order, as the table walk adds them, so the sums are identical.
/// </summary>
internal sealed class LeafMaskWalk
{
    /// <summary>Leaves a tree may have: one bit each of the row's word.</summary>
    public const int MaxLeaves = 32;

    /// <summary>Rows a vector holds: a call of fewer rows never comes here.</summary>
    public const int Lanes = 16;

    private const int PassVectors = 8;
    private const int SetsPerGroup = 32;

    private readonly Split[] _numeric;
    private readonly Split[] _categorical;
    private readonly Tree[] _trees;
    private readonly double[] _leaves;
    private readonly int[] _groupColumns;
    private readonly int[] _groupWords;
    private readonly int _stride;
    private readonly int _bitsBase;
    private readonly int _outputCount;

    private LeafMaskWalk(Split[] numeric, Split[] categorical, Tree[] trees, double[] leaves, int[] groupColumns, int[] groupWords, int stride,
        int bitsBase, int outputCount)
    {
        _numeric = numeric;
        _categorical = categorical;
        _trees = trees;
        _leaves = leaves;
        _groupColumns = groupColumns;
        _groupWords = groupWords;
        _stride = stride;
        _bitsBase = bitsBase;
        _outputCount = outputCount;
    }

    /// <summary>Whether this machine has the instructions the walk takes (AVX-512 foundation and conflict detection).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx512CD.IsSupported;

    /// <summary>
    /// The groups of 32 categorical sets (each group's sets read one code column) of sets reading code columns
    /// <paramref name="setColumns"/>: each set's group and bit, and how many groups, each a column of the scratch block.
    /// </summary>
    public static ((int Group, int Bit)[] OfSet, int Count) Groups(IReadOnlyList<int> setColumns)
    {
        var ofSet = new (int, int)[setColumns.Count];
        var count = 0;
        foreach (var column in setColumns.Distinct().Order())
        {
            var members = Enumerable.Range(0, setColumns.Count).Where(s => setColumns[s] == column).ToArray();
            for (var i = 0; i < members.Length; i++) ofSet[members[i]] = (count + i / SetsPerGroup, i % SetsPerGroup);
            count += (members.Length + SetsPerGroup - 1) / SetsPerGroup;
        }
        return (ofSet, count);
    }

    /// <summary>
    /// The walk of <see cref="BlockTrees"/>' laid-out nodes (column offset in the scratch block; region: 0 a leaf,
    /// <c>1 + i</c> numeric split <c>i</c> of <paramref name="numeric"/>, past those the categorical set
    /// <c>region - 1 - numeric.Count</c>; left child, the right one following it; a leaf's value). The sets' directions
    /// are <paramref name="sets"/>' bytes (<paramref name="stride"/> a set, by code), their code columns
    /// <paramref name="setColumns"/>; codes start at <paramref name="codeBase"/> in the scratch block and the groups'
    /// words (<see cref="Groups"/>) at <paramref name="bitsBase"/>. Null when the machine lacks AVX-512 or a tree has
    /// more than <see cref="MaxLeaves"/> leaves: the table walk then takes the model whole, so one walk sums each row.
    /// </summary>
    public static LeafMaskWalk? Create(IReadOnlyList<(int Column, int Region, int Left, double Value)> nodes, IReadOnlyList<(int Bin, bool MissingLeft)> numeric,
        int[] roots, int[] outputs, int outputCount, byte[] sets, IReadOnlyList<int> setColumns, int stride, int codeBase, int bitsBase)
    {
        var (ofSet, groupCount) = Groups(setColumns);
        if (!IsSupported || (long)groupCount * stride > Array.MaxLength) return null;
        var missingBin = stride - 1;
        var numericSplits = new List<Split>();
        var categoricalSplits = new List<Split>();
        var trees = new Tree[roots.Length];
        var leaves = new double[roots.Length * MaxLeaves];
        for (var t = 0; t < roots.Length; t++)
        {
            var (numericStart, categoricalStart, leafCount) = (numericSplits.Count, categoricalSplits.Count, 0);
            if (!Lay(roots[t], t)) return null;
            trees[t] = new Tree(numericStart, numericSplits.Count, categoricalStart, categoricalSplits.Count, leafCount > MaxLeaves / 2, outputs[t]);

            // Numbers the leaves of the subtree at `at` on from the tree's next one and adds its splits (by kind: the
            // masks commute); false past MaxLeaves.
            bool Lay(int at, int tree)
            {
                var (column, region, left, value) = nodes[at];
                if (region == 0)
                {
                    if (leafCount == MaxLeaves) return false;
                    leaves[tree * MaxLeaves + leafCount++] = value;
                    return true;
                }
                var first = leafCount;
                if (!Lay(left, tree)) return false;
                var mask = ~(uint)(((1UL << (leafCount - first)) - 1) << first);
                if (!Lay(left + 1, tree)) return false;
                if (region <= numeric.Count)
                {
                    // Right exactly when threshold bin < bin < the first bin that goes left again (the missing bin,
                    // unless the split sends it right): one unsigned compare, bin - low < span.
                    var (bin, missingLeft) = numeric[region - 1];
                    var high = missingLeft ? missingBin : missingBin + 1;
                    numericSplits.Add(new Split(column, (uint)-(bin + 1), (uint)(high - bin - 1), mask));
                }
                else
                {
                    var (group, bit) = ofSet[region - 1 - numeric.Count];
                    categoricalSplits.Add(new Split(bitsBase + group * BlockTrees.BlockRows, 1u << bit, 0, mask));
                }
                return true;
            }
        }
        // Each group's word by code: bit b set when the group's set b sends the code left (a clear bit selects the mask).
        var groupColumns = new int[groupCount];
        var groupWords = new int[groupCount * stride];
        for (var s = 0; s < ofSet.Length; s++)
        {
            var (group, bit) = ofSet[s];
            groupColumns[group] = codeBase + setColumns[s] * BlockTrees.BlockRows;
            for (var code = 0; code < stride; code++)
                if (sets[s * stride + code] == 0) groupWords[group * stride + code] |= 1 << bit;
        }
        return new LeafMaskWalk([.. numericSplits], [.. categoricalSplits], trees, leaves, groupColumns, groupWords, stride, bitsBase, outputCount);
    }

    /// <summary>
    /// Adds every tree's leaf value for the rows of whole vectors of the block (the first <c>rows &amp; ~15</c>; bins and
    /// codes in <paramref name="scratch"/> as <see cref="BlockTrees"/> quantises them, the groups' words written after
    /// them) to <paramref name="sums"/>, row r's output o at <c>r * outputs + o</c>, and returns how many rows that was.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Sum(int[] scratch, int rows, Span<double> sums)
    {
        var covered = rows / Lanes * Lanes;
        if (sums.Length < covered * _outputCount || scratch.Length < _bitsBase + _groupColumns.Length * BlockTrees.BlockRows || rows > BlockTrees.BlockRows)
            throw new ArgumentOutOfRangeException(nameof(rows));
        for (var g = 0; g < _groupColumns.Length; g++)
        {
            var words = _groupWords.AsSpan(g * _stride, _stride);
            var codes = scratch.AsSpan(_groupColumns[g], covered);
            var bits = scratch.AsSpan(_bitsBase + g * BlockTrees.BlockRows, covered);
            for (var r = 0; r < covered; r++) bits[r] = words[codes[r]];
        }
        ref var block = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref var sum = ref MemoryMarshal.GetReference(sums);
        ref var leaves = ref MemoryMarshal.GetArrayDataReference(_leaves);
        for (var t = 0; t < _trees.Length; t++)
        {
            ref var tree = ref _trees[t];
            ref var values = ref Unsafe.Add(ref leaves, t * MaxLeaves);
            var r = 0;
            for (; r + PassVectors * Lanes <= covered; r += PassVectors * Lanes) Pass(in tree, ref block, ref values, r, ref sum);
            for (; r < covered; r += Lanes) Single(in tree, ref block, ref values, r, ref sum);
        }
        return covered;
    }

    /// <summary>Rows [r, r + 128) through one tree: eight vectors whose splits' loads and compares overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pass(in Tree tree, ref int block, ref double values, int r, ref double sum)
    {
        var all = Vector512<uint>.AllBitsSet;
        Vector512<uint> a0 = all, a1 = all, a2 = all, a3 = all, a4 = all, a5 = all, a6 = all, a7 = all;
        ref var numeric = ref MemoryMarshal.GetArrayDataReference(_numeric);
        for (var i = tree.NumericStart; i < tree.NumericEnd; i++)
        {
            ref readonly var split = ref Unsafe.Add(ref numeric, i);
            ref var bins = ref Unsafe.Add(ref block, split.Column + r);
            var (low, span, mask) = (Vector512.Create(split.Low), Vector512.Create(split.Span), Vector512.Create(split.Mask));
            a0 = Numeric(a0, ref bins, 0, low, span, mask);
            a1 = Numeric(a1, ref bins, 1, low, span, mask);
            a2 = Numeric(a2, ref bins, 2, low, span, mask);
            a3 = Numeric(a3, ref bins, 3, low, span, mask);
            a4 = Numeric(a4, ref bins, 4, low, span, mask);
            a5 = Numeric(a5, ref bins, 5, low, span, mask);
            a6 = Numeric(a6, ref bins, 6, low, span, mask);
            a7 = Numeric(a7, ref bins, 7, low, span, mask);
        }
        ref var categorical = ref MemoryMarshal.GetArrayDataReference(_categorical);
        for (var i = tree.CategoricalStart; i < tree.CategoricalEnd; i++)
        {
            ref readonly var split = ref Unsafe.Add(ref categorical, i);
            ref var words = ref Unsafe.Add(ref block, split.Column + r);
            var (bit, mask) = (Vector512.Create(split.Low), Vector512.Create(split.Mask));
            a0 = Categorical(a0, ref words, 0, bit, mask);
            a1 = Categorical(a1, ref words, 1, bit, mask);
            a2 = Categorical(a2, ref words, 2, bit, mask);
            a3 = Categorical(a3, ref words, 3, bit, mask);
            a4 = Categorical(a4, ref words, 4, bit, mask);
            a5 = Categorical(a5, ref words, 5, bit, mask);
            a6 = Categorical(a6, ref words, 6, bit, mask);
            a7 = Categorical(a7, ref words, 7, bit, mask);
        }
        var (l0, l1) = (Vector512.LoadUnsafe(ref values), Vector512.LoadUnsafe(ref values, 8));
        var (l2, l3) = (Vector512.LoadUnsafe(ref values, 16), Vector512.LoadUnsafe(ref values, 24));
        Add(a0, l0, l1, l2, l3, tree, r, ref sum);
        Add(a1, l0, l1, l2, l3, tree, r + Lanes, ref sum);
        Add(a2, l0, l1, l2, l3, tree, r + 2 * Lanes, ref sum);
        Add(a3, l0, l1, l2, l3, tree, r + 3 * Lanes, ref sum);
        Add(a4, l0, l1, l2, l3, tree, r + 4 * Lanes, ref sum);
        Add(a5, l0, l1, l2, l3, tree, r + 5 * Lanes, ref sum);
        Add(a6, l0, l1, l2, l3, tree, r + 6 * Lanes, ref sum);
        Add(a7, l0, l1, l2, l3, tree, r + 7 * Lanes, ref sum);
    }

    /// <summary>Rows [r, r + 16) through one tree: the vectors left after the block's passes.</summary>
    private void Single(in Tree tree, ref int block, ref double values, int r, ref double sum)
    {
        var a = Vector512<uint>.AllBitsSet;
        for (var i = tree.NumericStart; i < tree.NumericEnd; i++)
        {
            var split = _numeric[i];
            a = Numeric(a, ref Unsafe.Add(ref block, split.Column + r), 0, Vector512.Create(split.Low), Vector512.Create(split.Span), Vector512.Create(split.Mask));
        }
        for (var i = tree.CategoricalStart; i < tree.CategoricalEnd; i++)
        {
            var split = _categorical[i];
            a = Categorical(a, ref Unsafe.Add(ref block, split.Column + r), 0, Vector512.Create(split.Low), Vector512.Create(split.Mask));
        }
        Add(a, Vector512.LoadUnsafe(ref values), Vector512.LoadUnsafe(ref values, 8), Vector512.LoadUnsafe(ref values, 16), Vector512.LoadUnsafe(ref values, 24),
            tree, r, ref sum);
    }

    /// <summary>The leaves left after a numeric split of vector <paramref name="vector"/>: right when bin - low &lt; span, unsigned (<paramref name="low"/> holds -low).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Numeric(Vector512<uint> leaves, ref int bins, int vector, Vector512<uint> low, Vector512<uint> span, Vector512<uint> mask)
    {
        var bin = Vector512.LoadUnsafe(ref bins, (nuint)(vector * Lanes)).AsUInt32();
        return Vector512.ConditionalSelect(Vector512.LessThan(bin + low, span), leaves & mask, leaves);
    }

    /// <summary>The leaves left after a categorical split: right when the set's bit of the row's group word is clear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Categorical(Vector512<uint> leaves, ref int words, int vector, Vector512<uint> bit, Vector512<uint> mask)
    {
        var word = Vector512.LoadUnsafe(ref words, (nuint)(vector * Lanes)).AsUInt32();
        return Vector512.ConditionalSelect(Vector512.Equals(word & bit, Vector512<uint>.Zero), leaves & mask, leaves);
    }

    /// <summary>
    /// Adds the exit leaves' values (leaf: the lowest bit left, 31 - lzcnt(x &amp; -x); value: picked from the tree's
    /// leaves <paramref name="l0"/>..<paramref name="l3"/>, eight each) to rows [r, r + 16)' sums of the tree's output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(Vector512<uint> left, Vector512<double> l0, Vector512<double> l1, Vector512<double> l2, Vector512<double> l3, in Tree tree, int r,
        ref double sum)
    {
        var lowest = left & (Vector512<uint>.Zero - left);
        var leaf = (Vector512.Create(31u) - Avx512CD.LeadingZeroCount(lowest)).AsInt32();
        var lower = Pick(Avx512F.ConvertToVector512Int64(leaf.GetLower()), l0, l1, l2, l3, tree.Wide);
        var upper = Pick(Avx512F.ConvertToVector512Int64(leaf.GetUpper()), l0, l1, l2, l3, tree.Wide);
        var k = _outputCount;
        if (k == 1)
        {
            ref var rows = ref Unsafe.Add(ref sum, r);
            (Vector512.LoadUnsafe(ref rows) + lower).StoreUnsafe(ref rows);
            (Vector512.LoadUnsafe(ref rows, 8) + upper).StoreUnsafe(ref rows, 8);
            return;
        }
        for (var i = 0; i < 8; i++)
        {
            Unsafe.Add(ref sum, (r + i) * k + tree.Output) += lower.GetElement(i);
            Unsafe.Add(ref sum, (r + 8 + i) * k + tree.Output) += upper.GetElement(i);
        }
    }

    /// <summary>Leaf values by index: leaves 0-15 by its low four bits; 16-31 (of a <paramref name="wide"/> tree) by bit 4 too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Pick(Vector512<long> index, Vector512<double> l0, Vector512<double> l1, Vector512<double> l2, Vector512<double> l3, bool wide)
    {
        var low = Avx512F.PermuteVar8x64x2(l0, index, l1);
        if (!wide) return low;
        var high = Avx512F.PermuteVar8x64x2(l2, index, l3);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(index, Vector512.Create(15L)).AsDouble(), high, low);
    }

    /// <param name="Column">Offset in the scratch block of the column the split reads: bins, or a group's words.</param>
    /// <param name="Low">A numeric split's lowest bin that goes right (the threshold's bin + 1), negated; a categorical split's bit.</param>
    /// <param name="Span">How many bins from <paramref name="Low"/> on go right.</param>
    /// <param name="Mask">All leaves but those of the split's left subtree.</param>
    private readonly record struct Split(int Column, uint Low, uint Span, uint Mask);

    /// <summary>A tree's splits of each kind, whether it has more than 16 leaves, and its output.</summary>
    private readonly record struct Tree(int NumericStart, int NumericEnd, int CategoricalStart, int CategoricalEnd, bool Wide, int Output);
}
