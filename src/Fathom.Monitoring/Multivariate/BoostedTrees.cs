namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// A small gradient-boosted classifier over <see cref="BinnedFeatures"/> (logistic loss, histogram splits, trees of
/// depth 2, as LightGBM or scikit-learn's HistGradientBoosting grow them, without their extras): enough to tell two
/// datasets apart, fast on a few thousand rows, and deterministic. Numerical bins split by order (missing first);
/// categorical bins are ordered by gradient/hessian before the scan, as LightGBM splits categories.
/// </summary>
internal sealed class BoostedTrees
{
    private const int Depth = 2;
    private const double L2 = 1.0;
    private const int MinRowsPerLeaf = 20;

    private readonly List<(int Feature, bool[] GoesLeft)[]> _splits = [];
    private readonly List<double[]> _leaves = [];
    private double _bias;

    /// <summary>Total split gain per feature, summed over all trees.</summary>
    public double[] Gains { get; private set; } = [];

    public static BoostedTrees Train(BinnedFeatures data, int[] rows, int rounds, double learningRate)
    {
        var model = new BoostedTrees { Gains = new double[data.Names.Length] };
        var positives = rows.Count(r => data.Labels[r] == 1);
        var prior = Math.Clamp((double)positives / rows.Length, 1e-6, 1 - 1e-6);
        model._bias = Math.Log(prior / (1 - prior));
        // The training rows' bins, gathered once: the histogram loops then read contiguous bytes.
        var bins = data.Bins.Select(feature => rows.Select(r => feature[r]).ToArray()).ToArray();
        var labels = rows.Select(r => data.Labels[r]).ToArray();
        var scores = new double[rows.Length];
        Array.Fill(scores, model._bias);
        var gradients = new double[rows.Length];
        var hessians = new double[rows.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var p = 1 / (1 + Math.Exp(-scores[i]));
                gradients[i] = p - labels[i];
                hessians[i] = Math.Max(p * (1 - p), 1e-12);
            }
            var tree = new TreeBuilder(bins, data.IsCategorical, gradients, hessians, model.Gains);
            var (splits, leaves, leafOf) = tree.Grow(Depth);
            for (var l = 0; l < leaves.Length; l++) leaves[l] *= learningRate;
            for (var i = 0; i < rows.Length; i++) scores[i] += leaves[leafOf[i]];
            model._splits.Add(splits);
            model._leaves.Add(leaves);
        }
        return model;
    }

    /// <summary>The score (log-odds of "current") of one row; only the order matters for ROC AUC.</summary>
    public double Score(BinnedFeatures data, int row)
    {
        var score = _bias;
        for (var t = 0; t < _splits.Count; t++)
        {
            var node = 0;
            var splits = _splits[t];
            // Nodes are numbered heap-style: children of n are 2n + 1 and 2n + 2; a missing split means a leaf above the bottom.
            for (var level = 0; level < Depth; level++)
            {
                var (feature, goesLeft) = splits[node];
                if (feature < 0) break;
                node = 2 * node + (goesLeft[data.Bins[feature][row]] ? 1 : 2);
            }
            score += _leaves[t][node];
        }
        return score;
    }

    private sealed class TreeBuilder(byte[][] bins, bool[] categorical, double[] gradients, double[] hessians, double[] gains)
    {
        private const int Bins = BinnedFeatures.MaxBins;

        public ((int Feature, bool[] GoesLeft)[] Splits, double[] Leaves, int[] LeafOf) Grow(int depth)
        {
            var nodes = (1 << (depth + 1)) - 1;
            var splits = new (int, bool[])[nodes];
            var leaves = new double[nodes];
            var leafOf = new int[gradients.Length];
            var members = new int[nodes][];
            var histograms = new Histogram?[nodes];
            members[0] = Enumerable.Range(0, gradients.Length).ToArray();
            for (var node = 0; node < nodes; node++)
            {
                splits[node] = (-1, []);
                if (members[node] is not { } inside) continue;
                double g = 0, h = 0;
                foreach (var i in inside) { g += gradients[i]; h += hessians[i]; }
                leaves[node] = -g / (h + L2);
                var isBottom = 2 * node + 1 >= nodes;
                if (isBottom) { foreach (var i in inside) leafOf[i] = node; continue; }
                var histogram = histograms[node] ??= Histogram.Build(bins, inside, gradients, hessians);
                if (BestSplit(histogram, inside.Length, g, h) is not { } split)
                {
                    foreach (var i in inside) leafOf[i] = node;
                    continue;
                }
                splits[node] = (split.Feature, split.GoesLeft);
                gains[split.Feature] += split.Gain;
                var feature = bins[split.Feature];
                int[] left = inside.Where(i => split.GoesLeft[feature[i]]).ToArray(), right = inside.Where(i => !split.GoesLeft[feature[i]]).ToArray();
                (members[2 * node + 1], members[2 * node + 2]) = (left, right);
                if (2 * (2 * node + 1) + 1 < nodes)
                {
                    // LightGBM's histogram subtraction: build the smaller child's histogram, the larger is parent minus it.
                    var smaller = left.Length <= right.Length ? 2 * node + 1 : 2 * node + 2;
                    histograms[smaller] = Histogram.Build(bins, members[smaller], gradients, hessians);
                    histograms[smaller == 2 * node + 1 ? 2 * node + 2 : 2 * node + 1] = histogram.Minus(histograms[smaller]!);
                }
            }
            return (splits, leaves, leafOf);
        }

        private (int Feature, bool[] GoesLeft, double Gain)? BestSplit(Histogram histogram, int rows, double g, double h)
        {
            (int Feature, bool[] GoesLeft, double Gain)? best = null;
            var parent = g * g / (h + L2);
            var order = new int[Bins];
            for (var f = 0; f < bins.Length; f++)
            {
                var sumG = histogram.Gradients.AsSpan(f * Bins, Bins);
                var sumH = histogram.Hessians.AsSpan(f * Bins, Bins);
                var count = histogram.Counts.AsSpan(f * Bins, Bins);
                for (var b = 0; b < Bins; b++) order[b] = b;
                if (categorical[f])
                {
                    var ratio = new double[Bins];
                    for (var b = 0; b < Bins; b++) ratio[b] = sumG[b] / (sumH[b] + L2);
                    Array.Sort(order, (x, y) => ratio[x].CompareTo(ratio[y]) is var c && c != 0 ? c : x.CompareTo(y));
                }
                double gl = 0, hl = 0;
                var nl = 0;
                for (var k = 0; k < Bins - 1; k++)
                {
                    var b = order[k];
                    gl += sumG[b];
                    hl += sumH[b];
                    nl += count[b];
                    if (count[b] == 0 || nl < MinRowsPerLeaf || rows - nl < MinRowsPerLeaf) continue;
                    var gain = gl * gl / (hl + L2) + (g - gl) * (g - gl) / (h - hl + L2) - parent;
                    if (gain > 1e-12 && (best is null || gain > best.Value.Gain))
                    {
                        var goesLeft = new bool[Bins];
                        for (var j = 0; j <= k; j++) goesLeft[order[j]] = true;
                        best = (f, goesLeft, gain);
                    }
                }
            }
            return best;
        }
    }

    /// <summary>Per feature and bin: the sums of gradients and hessians and the row count of a node's rows.</summary>
    private sealed class Histogram(double[] gradients, double[] hessians, int[] counts)
    {
        private const int Bins = BinnedFeatures.MaxBins;

        public double[] Gradients { get; } = gradients;
        public double[] Hessians { get; } = hessians;
        public int[] Counts { get; } = counts;

        public static Histogram Build(byte[][] bins, int[] rows, double[] gradients, double[] hessians)
        {
            var features = bins.Length;
            var histogram = new Histogram(new double[features * Bins], new double[features * Bins], new int[features * Bins]);
            // The node's gradients and hessians gathered once: the per-feature loops then read them in order.
            var g = new double[rows.Length];
            var h = new double[rows.Length];
            for (var k = 0; k < rows.Length; k++) { g[k] = gradients[rows[k]]; h[k] = hessians[rows[k]]; }
            for (var f = 0; f < features; f++)
            {
                var feature = bins[f];
                var sumG = histogram.Gradients.AsSpan(f * Bins, Bins);
                var sumH = histogram.Hessians.AsSpan(f * Bins, Bins);
                var count = histogram.Counts.AsSpan(f * Bins, Bins);
                for (var k = 0; k < rows.Length; k++)
                {
                    var b = feature[rows[k]];
                    sumG[b] += g[k];
                    sumH[b] += h[k];
                    count[b]++;
                }
            }
            return histogram;
        }

        public Histogram Minus(Histogram other)
        {
            var result = new Histogram(new double[Gradients.Length], new double[Hessians.Length], new int[Counts.Length]);
            for (var i = 0; i < Gradients.Length; i++)
            {
                result.Gradients[i] = Gradients[i] - other.Gradients[i];
                result.Hessians[i] = Hessians[i] - other.Hessians[i];
                result.Counts[i] = Counts[i] - other.Counts[i];
            }
            return result;
        }
    }
}
