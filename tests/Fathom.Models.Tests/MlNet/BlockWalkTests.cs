using Fathom.Models.MlNet.Trees;

namespace Fathom.Models.Tests.MlNet;

/// <summary>
/// The binned, table-driven block walk against a plain evaluation of the same flat trees (ML.NET's rule: left when
/// the value, or for a missing value the node's default, is &lt;= the threshold; a categorical set goes right by its
/// table), on rows with missing values, values equal to thresholds, infinities, and codes of every category.
/// The trained-model tests compare with ML.NET itself, but trained featurizers replace missing values, so a NaN never
/// reaches their trees: these trees send it both ways.
/// </summary>
public sealed class BlockWalkTests
{
    // Flat trees as FlatTreeEnsemble hands them over: (feature, threshold, missing default, lte, gt), ~leaf for leaves.
    private static readonly (int Feature, float Threshold, float Missing, int Lte, int Gt)[] Nodes =
    [
        (0, 1.5f, 0f, 1, 2),              // 0: missing default 0 <= 1.5, so NaN goes left
        (1, 10f, float.NaN, ~0, ~1),      // 1: no default, NaN goes right
        (~0, 0, float.NaN, ~2, 3),        // 2: categorical set 0
        (0, 7f, 9f, ~3, ~4),              // 3: default 9 > 7, NaN goes right
        (1, -2f, -5f, 5, ~5),             // 4 (tree 2 root): default -5 <= -2, NaN goes left
        (0, 1.5f, float.NaN, ~6, ~7),     // 5: same threshold as node 0, other missing direction
    ];

    private static readonly double[] Leaves = [0.5, -1.25, 2, 3.5, -4, 8, 16.25, -32];

    // Entry ids of the text block that set 0 sends right.
    private static readonly bool[] SetRight = [true, false, true, true, false];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rows_with_missing_values_ties_and_categories_walk_as_the_flat_trees_do(bool leafMasks)
    {
        var trees = BlockTrees.Build(Nodes, [0, 4, ~7], Leaves, [[10, 11]], slot => slot >= 10 ? 0 : -1)!;
        Assert.Equal([0, 1], trees.Features);
        Assert.Equal([0], trees.CodeBlocks);
        var stride = Math.Max(trees.MinStride, SetRight.Length);
        var sets = new byte[stride];
        for (var code = 0; code < SetRight.Length; code++) sets[code] = SetRight[code] ? (byte)1 : (byte)0;
        var walk = trees.Walk(sets, stride, leafMasks)!;
        Assert.False(walk.WalksFewRowsByCompare); // a categorical split: the one-row tail reads the table
        Assert.Equal(leafMasks && LeafMaskWalk.IsSupported, walk.WalksByLeafMasks);

        float[] values = [float.NaN, 1.5f, 1.4999f, 1.5001f, 7f, 7.0001f, 10f, 10.001f, -2f, -2.0001f, float.NegativeInfinity, float.PositiveInfinity, 0f, -0f];
        var random = new Random(5);
        const int rows = 203; // not a multiple of eight or sixteen, so the table walk's eight rows and one-row tail run too
        var x = new float[trees.BlockLength];
        var codes = new int[trees.CodeLength];
        var expected = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            float a = values[random.Next(values.Length)], b = values[random.Next(values.Length)];
            var code = random.Next(SetRight.Length);
            x[r] = a;
            x[BlockTrees.BlockRows + r] = b;
            codes[r] = code;
            expected[r] = Evaluate(0, a, b, code) + Evaluate(4, a, b, code) + Leaves[7];
        }
        var sums = new double[rows];
        walk.Sum(x, codes, new int[trees.ScratchLength], rows, sums);

        Assert.Equal(expected, sums);
    }

    [Theory]
    [InlineData(1, 3, 21)]
    [InlineData(7, 3, 21)]
    [InlineData(13, 3, 21)]
    [InlineData(3, 400, 61)]
    public void Calls_of_a_few_rows_walk_many_trees_as_the_flat_trees_do(int rows, int features, int treeCount)
    {
        // Random trees of uneven depth: the few-row path takes trees eight at a time, then the last few one by one.
        // With 400 features the row's bins outgrow the few-row walk's stack buffer.
        var random = new Random(rows);
        var nodes = new List<(int Feature, float Threshold, float Missing, int Lte, int Gt)>();
        var leaves = new List<double>();
        var roots = Enumerable.Range(0, treeCount).Select(_ => Grow(random.Next(1, 7))).ToArray();
        var trees = BlockTrees.Build(nodes, roots, leaves, [], _ => -1)!;
        var walk = trees.Walk([], trees.MinStride)!;
        var x = new float[trees.BlockLength];
        var rowValues = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            rowValues[r] = [.. Enumerable.Range(0, features).Select(_ => random.Next(8) == 0 ? float.NaN : (float)random.NextDouble())];
            for (var f = 0; f < trees.Features.Length; f++) x[f * BlockTrees.BlockRows + r] = rowValues[r][trees.Features[f]];
        }
        var sums = new double[rows];

        walk.Sum(x, new int[trees.CodeLength], new int[trees.ScratchLength], rows, sums);
        Assert.True(walk.WalksFewRowsByCompare);
        if (features > 3) Assert.True(trees.Features.Length > 128, $"only {trees.Features.Length} features are read");

        for (var r = 0; r < rows; r++)
        {
            var expected = 0.0;
            foreach (var root in roots) expected += Walk(root, rowValues[r]);
            Assert.Equal(expected, sums[r]);
        }

        // A subtree of at most `depth` levels: a leaf (~index) or the index of its root node.
        int Grow(int depth)
        {
            if (depth == 0 || random.Next(4) == 0)
            {
                leaves.Add(Math.Round(random.NextDouble() * 10 - 5, 3));
                return ~(leaves.Count - 1);
            }
            var at = nodes.Count;
            nodes.Add(default);
            var (lte, gt) = (Grow(depth - 1), Grow(depth - 1));
            nodes[at] = (random.Next(features), (float)Math.Round(random.NextDouble(), 2), random.Next(2) == 0 ? float.NaN : 0.5f, lte, gt);
            return at;
        }

        double Walk(int at, float[] values)
        {
            while (at >= 0)
            {
                var n = nodes[at];
                var value = values[n.Feature];
                if (float.IsNaN(value)) value = n.Missing;
                at = value <= n.Threshold ? n.Lte : n.Gt;
            }
            return leaves[~at];
        }
    }

    private static double Evaluate(int at, float a, float b, int code)
    {
        while (at >= 0)
        {
            var n = Nodes[at];
            bool right;
            if (n.Feature < 0) right = SetRight[code];
            else
            {
                var value = n.Feature == 0 ? a : b;
                if (float.IsNaN(value)) value = n.Missing;
                right = !(value <= n.Threshold);
            }
            at = right ? n.Gt : n.Lte;
        }
        return Leaves[~at];
    }
}
