using Fathom.Models.MlNet.Trees;

namespace Fathom.Models.Tests.MlNet;

/// <summary>
/// The leaf-mask walk (AVX-512) and the table walk against a plain evaluation of random flat trees of known leaf
/// counts: numeric splits with missing values sent both ways and values at thresholds, categorical splits, several
/// outputs, and row counts around the sixteen-row vectors and 128-row passes. Leaf values have full precision, so a
/// sum added in any order but tree order differs in its last bits: every comparison is exact.
/// </summary>
public sealed class LeafMaskWalkTests
{
    private const int Features = 5;
    private const int Codes = 6;
    private const int TextSlot = 100; // code c is one-hot slot TextSlot + c of text block 0

    public static TheoryData<int, bool> RowCounts()
    {
        var data = new TheoryData<int, bool>();
        foreach (var rows in new[] { 1, 15, 16, 17, 127, 128, 129, 200, 256 })
            foreach (var leafMasks in new[] { true, false }) data.Add(rows, leafMasks);
        return data;
    }

    [Theory]
    [MemberData(nameof(RowCounts))]
    public void Trees_of_at_most_32_leaves_with_categorical_splits_sum_as_the_flat_trees_do(int rows, bool leafMasks)
    {
        var ensemble = new Ensemble(rows * 7 + 1);
        int[] leafCounts = [32, 1, 31, 2, 17, 32, 5, 1, 9, 32, 3, 24];
        Check(ensemble, [.. leafCounts.Select(ensemble.Grow)], outputCount: 1, rows, leafMasks, expectLeafMasks: leafMasks);
    }

    [Theory]
    [MemberData(nameof(RowCounts))]
    public void Multiclass_trees_sum_each_output_in_tree_order(int rows, bool leafMasks)
    {
        var ensemble = new Ensemble(rows * 11 + 2);
        var roots = Enumerable.Range(0, 15).Select(t => ensemble.Grow(1 + t * 7 % 32)).ToArray();
        Check(ensemble, roots, outputCount: 3, rows, leafMasks, expectLeafMasks: leafMasks);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(129)]
    [InlineData(256)]
    public void Only_single_leaf_trees_sum_their_leaves(int rows)
    {
        var ensemble = new Ensemble(rows);
        Check(ensemble, [.. Enumerable.Range(0, 9).Select(_ => ensemble.Grow(1))], outputCount: 1, rows, leafMasks: true, expectLeafMasks: true);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(256)]
    public void A_tree_of_33_leaves_keeps_the_whole_model_on_the_table_walk(int rows)
    {
        var ensemble = new Ensemble(rows + 3);
        Check(ensemble, [ensemble.Grow(32), ensemble.Grow(33), ensemble.Grow(4)], outputCount: 1, rows, leafMasks: true, expectLeafMasks: false);
    }

    [Fact]
    public void Numeric_trees_with_a_wide_table_stride_sum_as_the_flat_trees_do()
    {
        // Without categorical splits, and with the missing bin far above the thresholds' (a stride grown for entry ids).
        var ensemble = new Ensemble(9, categorical: false);
        var roots = Enumerable.Range(0, 20).Select(t => ensemble.Grow(32 - t)).ToArray();
        Check(ensemble, roots, outputCount: 1, 256, leafMasks: true, expectLeafMasks: true, stride: 1024);
    }

    private static void Check(Ensemble ensemble, int[] roots, int outputCount, int rows, bool leafMasks, bool expectLeafMasks, int? stride = null)
    {
        var outputs = roots.Select((_, t) => t % outputCount).ToArray();
        var trees = BlockTrees.Build(ensemble.Nodes, roots, ensemble.Leaves, ensemble.Categorical, slot => slot >= TextSlot ? 0 : -1, outputs, outputCount)!;
        var width = stride ?? Math.Max(trees.MinStride, Codes);
        var sets = new byte[trees.Sets.Length * width];
        for (var k = 0; k < trees.Sets.Length; k++)
            for (var code = 0; code < Codes; code++) sets[k * width + code] = trees.Sets[k].Features.Contains(TextSlot + code) ? (byte)1 : (byte)0;
        var walk = trees.Walk(sets, width, leafMasks)!;
        // Without AVX-512 (xunit 2 has no dynamic skip) the table walk sums every case, still checked below.
        Assert.Equal(expectLeafMasks && LeafMaskWalk.IsSupported, walk.WalksByLeafMasks);

        var random = new Random(rows);
        var thresholds = ensemble.Nodes.Where(n => n.Feature >= 0).Select(n => n.Threshold).DefaultIfEmpty(0.5f).ToArray();
        var x = new float[trees.BlockLength];
        var codes = new int[trees.CodeLength];
        var values = new float[rows][];
        var rowCodes = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            values[r] = [.. Enumerable.Range(0, Features).Select(_ => random.Next(6) switch
            {
                0 => float.NaN,
                1 => thresholds[random.Next(thresholds.Length)], // a tie goes left
                2 => random.Next(2) == 0 ? float.NegativeInfinity : float.PositiveInfinity,
                _ => (float)random.NextDouble(),
            })];
            for (var f = 0; f < trees.Features.Length; f++) x[f * BlockTrees.BlockRows + r] = values[r][trees.Features[f]];
            rowCodes[r] = random.Next(Codes);
            if (trees.CodeBlocks.Length > 0) codes[r] = rowCodes[r];
        }
        // Stale bins and codes past the rows, as a reused scratch block has them, must not be read.
        var scratch = Enumerable.Repeat(int.MaxValue / 2, trees.ScratchLength).ToArray();
        var sums = new double[rows * outputCount];

        walk.Sum(x, codes, scratch, rows, sums);

        var expected = new double[rows * outputCount];
        for (var r = 0; r < rows; r++)
            for (var t = 0; t < roots.Length; t++) expected[r * outputCount + outputs[t]] += ensemble.Evaluate(roots[t], values[r], rowCodes[r]);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(sums[i]),
                $"row {i / outputCount} output {i % outputCount}: expected {expected[i]:R}, walked {sums[i]:R}");
    }

    /// <summary>Flat trees as FlatTreeEnsemble hands them over, grown to a given number of leaves.</summary>
    private sealed class Ensemble(int seed, bool categorical = true)
    {
        private readonly Random _random = new(seed);

        public List<(int Feature, float Threshold, float Missing, int Lte, int Gt)> Nodes { get; } = [];

        public List<double> Leaves { get; } = [];

        public List<int[]> Categorical { get; } = [];

        /// <summary>A random tree of exactly <paramref name="leaves"/> leaves: ~leaf for a single leaf, else its root node.</summary>
        public int Grow(int leaves)
        {
            if (leaves == 1)
            {
                // Full precision, so any other order of addition shows.
                Leaves.Add(_random.NextDouble() * 10 - 5);
                return ~(Leaves.Count - 1);
            }
            var at = Nodes.Count;
            Nodes.Add(default);
            var left = _random.Next(1, leaves);
            var (lte, gt) = (Grow(left), Grow(leaves - left));
            if (categorical && _random.Next(4) == 0)
            {
                Categorical.Add([.. Enumerable.Range(0, Codes).Where(_ => _random.Next(2) == 0).Select(c => TextSlot + c).DefaultIfEmpty(TextSlot)]);
                Nodes[at] = (~(Categorical.Count - 1), 0, float.NaN, lte, gt);
            }
            else
            {
                // NaN: no default, a missing value goes right; 0.5: left or right by the threshold.
                Nodes[at] = (_random.Next(Features), (float)Math.Round(_random.NextDouble(), 1), _random.Next(2) == 0 ? float.NaN : 0.5f, lte, gt);
            }
            return at;
        }

        public double Evaluate(int at, float[] values, int code)
        {
            while (at >= 0)
            {
                var n = Nodes[at];
                bool right;
                if (n.Feature < 0) right = Categorical[~n.Feature].Contains(TextSlot + code);
                else
                {
                    var value = values[n.Feature];
                    if (float.IsNaN(value)) value = n.Missing;
                    right = !(value <= n.Threshold);
                }
                at = right ? n.Gt : n.Lte;
            }
            return Leaves[~at];
        }
    }
}
