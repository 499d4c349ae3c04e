using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML.Trainers.FastTree;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// The trees of a FastTree, FastForest or LightGBM model in flat arrays, evaluated as ML.NET's
/// <c>InternalRegressionTree.GetLeaf</c> does: a numeric node goes left when the feature is &lt;= its threshold (a
/// missing feature first takes the node's default value, which LightGBM trees carry); a categorical node goes right
/// when any of its one-hot features is &gt; 0. The sum is accumulated in double and summed in tree order, like
/// ML.NET, so the float result is identical. A multiclass model's classes are groups of trees (outputs), each summed
/// on its own.
/// </summary>
internal sealed class FlatTreeEnsemble
{
    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly double[] _leaves;
    private readonly int[][] _categorical;
    private readonly int[] _outputs;

    private FlatTreeEnsemble(Node[] nodes, int[] roots, double[] leaves, int[][] categorical, int[] outputs, int outputCount, int featureCount)
    {
        _nodes = nodes;
        _roots = roots;
        _leaves = leaves;
        _categorical = categorical;
        _outputs = outputs;
        OutputCount = outputCount;
        FeatureCount = featureCount;
    }

    /// <summary>Number of tree groups, each summed into its own output.</summary>
    public int OutputCount { get; }

    /// <summary>One more than the highest feature index any split reads.</summary>
    public int FeatureCount { get; }

    /// <summary>
    /// Reads the ensembles, one output each (a class's trees); null when a tree uses something this evaluator does not
    /// reproduce.
    /// </summary>
    public static FlatTreeEnsemble? From(IReadOnlyList<IReadOnlyList<RegressionTreeBase>> outputs)
    {
        var nodes = new List<Node>();
        var roots = new List<int>();
        var leaves = new List<double>();
        var categorical = new List<int[]>();
        var rootOutputs = new List<int>();
        var featureCount = 0;
        foreach (var (tree, output) in outputs.SelectMany((trees, output) => trees.Select(tree => (tree, output))))
        {
            rootOutputs.Add(output);
            var missing = DefaultsForMissing(tree, out var readable);
            if (!readable) return null;
            var leafBase = leaves.Count;
            leaves.AddRange(tree.LeafValues);
            // ML.NET's placeholder tree (no split) answers 0, whatever its leaf value.
            if (tree.NumberOfNodes == 0 || tree.LeftChild[0] == 0)
            {
                roots.Add(~leaves.Count);
                leaves.Add(0);
                continue;
            }
            var nodeBase = nodes.Count;
            roots.Add(nodeBase);
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                int feature;
                if (tree.CategoricalSplitFlags[n])
                {
                    var features = tree.GetCategoricalSplitFeaturesAt(n).ToArray();
                    if (features.Length > 0) featureCount = Math.Max(featureCount, features.Max() + 1);
                    feature = ~categorical.Count;
                    categorical.Add(features);
                }
                else
                {
                    feature = tree.NumericalSplitFeatureIndexes[n];
                    featureCount = Math.Max(featureCount, feature + 1);
                }
                nodes.Add(new Node
                {
                    Feature = feature,
                    Threshold = tree.NumericalSplitThresholds[n],
                    Missing = missing is null ? float.NaN : missing[n],
                    Lte = Child(tree.LeftChild[n], nodeBase, leafBase),
                    Gt = Child(tree.RightChild[n], nodeBase, leafBase),
                });
            }
        }
        return new FlatTreeEnsemble([.. nodes], [.. roots], [.. leaves], [.. categorical], [.. rootOutputs], outputs.Count, featureCount);
    }

    private static int Child(int child, int nodeBase, int leafBase) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);

    /// <summary>
    /// The per-node values LightGBM trees use for a missing feature. ML.NET keeps them only on its internal tree
    /// (<c>InternalRegressionTree.DefaultValueForMissing</c>); when that field cannot be read the model is not
    /// reproduced here and ML.NET scores it instead.
    /// </summary>
    private static float[]? DefaultsForMissing(RegressionTreeBase tree, out bool readable)
    {
        readable = false;
        var inner = typeof(RegressionTreeBase).GetField("_tree", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(tree);
        var field = inner?.GetType().GetField("DefaultValueForMissing", BindingFlags.Instance | BindingFlags.Public);
        if (field is null) return null;
        readable = true;
        return field.GetValue(inner) as float[];
    }

    /// <summary>
    /// The same trees laid out for blocks of rows (<see cref="BlockTrees.Build"/>); null when a categorical split
    /// reads anything but slots of one text block.
    /// </summary>
    public BlockTrees? ToBlocks(Func<int, int> textBlockOf) =>
        BlockTrees.Build([.. _nodes.Select(n => (n.Feature, n.Threshold, n.Missing, n.Lte, n.Gt))], _roots, _leaves, _categorical, textBlockOf,
            _outputs, OutputCount);

    /// <summary>Adds every tree's leaf value for one row of features to its output's entry of <paramref name="sums"/>.</summary>
    public void Sum(ReadOnlySpan<float> features, Span<double> sums)
    {
        var nodes = _nodes;
        for (var t = 0; t < _roots.Length; t++)
        {
            var at = _roots[t];
            while (at >= 0)
            {
                ref readonly var node = ref nodes[at];
                at = node.Feature >= 0 ? NumericChild(node, features[node.Feature]) : CategoricalChild(node, features);
            }
            sums[_outputs[t]] += _leaves[~at];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NumericChild(in Node node, float value)
    {
        if (float.IsNaN(value)) value = node.Missing;
        return value <= node.Threshold ? node.Lte : node.Gt;
    }

    private int CategoricalChild(in Node node, ReadOnlySpan<float> features)
    {
        foreach (var feature in _categorical[~node.Feature])
        {
            var value = features[feature];
            if (float.IsNaN(value)) value = node.Missing;
            if (value > 0) return node.Gt;
        }
        return node.Lte;
    }

    private struct Node
    {
        /// <summary>The feature index, or ~k for the k-th categorical split.</summary>
        public int Feature;
        public float Threshold;
        /// <summary>The value a missing feature takes (NaN: none, so it goes right).</summary>
        public float Missing;
        /// <summary>Child node index, or ~leaf for a leaf.</summary>
        public int Lte;
        public int Gt;
    }
}
