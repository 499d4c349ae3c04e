using System.Buffers;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// Scores FastTree, FastForest and LightGBM regression and binary models without ML.NET's per-row machinery: the
/// traced featurizer fills one reused float vector per row and the flattened trees are walked over it. The score is
/// computed as ML.NET computes it (double sum of leaves cast to float; FastForest divides by the tree count; the
/// binary label is <c>Score &gt; threshold</c>; Platt calibration <c>1 / (1 + exp(slope * score + offset))</c>).
/// <see cref="TryCreate"/> returns null for anything else (multiclass, other calibrators, other transforms), and the
/// caller keeps ML.NET's path for those.
/// </summary>
internal sealed class TreeScorer
{
    private readonly TreeFeaturizer _featurizer;
    private readonly FlatTreeEnsemble _trees;
    private readonly bool _average;
    private readonly float? _threshold;
    private readonly (double Slope, double Offset)? _platt;
    private readonly BlockTrees? _blocks;
    private readonly BlockFeaturizer? _blockFeaturizer;
    private readonly Lock _walkLock = new();
    private volatile CompiledWalk? _walk;

    private TreeScorer(TreeFeaturizer featurizer, FlatTreeEnsemble trees, bool average, float? threshold, (double, double)? platt)
    {
        _featurizer = featurizer;
        _trees = trees;
        _average = average;
        _threshold = threshold;
        _platt = platt;
        _blocks = trees.ToBlocks(featurizer.TextBlockOf);
        _blockFeaturizer = _blocks is null ? null : featurizer.ForBlocks(_blocks);
    }

    /// <summary>Whether rows are scored in blocks (<see cref="BlockTrees"/>) rather than one at a time.</summary>
    public bool ScoresInBlocks => _blocks is not null;

    /// <summary>How many times the block walk (nodes packed, direction tables filled) has been built.</summary>
    internal int WalksBuilt { get; private set; }

    public static TreeScorer? TryCreate(ITransformer model, DataViewSchema inputSchema, MlNetOutputPlan plan)
    {
        if (FeaturizerTrace.Trace(model, inputSchema) is not var (parts, predictor)) return null;
        object? parameters = ((ISingleFeaturePredictionTransformer<object>)predictor).Model;
        float? threshold = null;
        (double, double)? platt = null;
        if (predictor.GetType().Name.StartsWith("BinaryPredictionTransformer", StringComparison.Ordinal))
        {
            if (Member(predictor, "ThresholdColumn") as string != "Score" || plan.Label is null || Member(predictor, "Threshold") is not float cut) return null;
            threshold = cut;
            if (parameters is CalibratedModelParametersBase calibrated)
            {
                if (calibrated.Calibrator is not PlattCalibrator p || plan.Probability is null) return null;
                platt = (p.Slope, p.Offset);
                parameters = calibrated.SubModel;
            }
            else if (plan.Probability is not null) return null;
        }
        else if (!predictor.GetType().Name.StartsWith("RegressionPredictionTransformer", StringComparison.Ordinal) || plan.Label is not null) return null;
        if (plan.Score is not { } score || score.Type != NumberDataViewType.Single) return null;

        var (trees, average) = parameters switch
        {
            TreeEnsembleModelParametersBasedOnRegressionTree t => (FlatTreeEnsemble.From(t.TrainedTreeEnsemble), false),
            FastForestRegressionModelParameters f => (FlatTreeEnsemble.From(f.TrainedTreeEnsemble), true),
            FastForestBinaryModelParameters f => (FlatTreeEnsemble.From(f.TrainedTreeEnsemble), true),
            _ => (null, false),
        };
        if (trees is null) return null;
        var featurizer = TreeFeaturizer.Create(model, inputSchema, ((ISingleFeaturePredictionTransformer<object>)predictor).FeatureColumnName, parts);
        if (featurizer is null || trees.FeatureCount > featurizer.Width) return null;
        return new TreeScorer(featurizer, trees, average, threshold, platt);
    }

    /// <summary>A field or property of the transformer (ML.NET's binary transformer keeps its threshold in internal fields).</summary>
    private static object? Member(object target, string name)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        for (var type = target.GetType(); type is not null; type = type.BaseType)
            if ((type.GetField(name, flags)?.GetValue(target) ?? type.GetProperty(name, flags)?.GetValue(target)) is { } value) return value;
        return null;
    }

    /// <summary>Scores rows [offset, offset + count) of <paramref name="sources"/> (indexed like the input schema) into the buffers.</summary>
    public void Score(Column?[] sources, int offset, int count, MlNetOutputPlan.Buffers buffers)
    {
        var text = _featurizer.BindText(sources);
        var walk = _blocks is not null && _blockFeaturizer is not null ? Walk(_blocks, _blockFeaturizer) : null;
        if (walk is not null) ScoreBlocks(walk, _blocks!, _blockFeaturizer!, sources, text, offset, count, buffers);
        else ScoreRows(sources, text, offset, count, buffers);
    }

    /// <summary>
    /// The walk whose table covers every entry id known now (so every id of the call just bound): built on the first
    /// call and rebuilt, with the stride doubled, only when text values with new entries outgrow it.
    /// </summary>
    private BlockWalk? Walk(BlockTrees trees, BlockFeaturizer featurizer)
    {
        var needed = trees.CodeBlocks.Select(_featurizer.EntryCount).DefaultIfEmpty(0).Max();
        if (_walk is { } current && needed <= current.Stride) return current.Walk;
        lock (_walkLock)
        {
            if (_walk is { } built && needed <= built.Stride) return built.Walk;
            var stride = Math.Max(trees.MinStride, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(needed, 16)));
            var walk = trees.Walk(featurizer.CategoricalTable(_featurizer.Entries, stride), stride);
            WalksBuilt++;
            _walk = new CompiledWalk(stride, walk);
            return walk;
        }
    }

    private void ScoreBlocks(BlockWalk walk, BlockTrees trees, BlockFeaturizer featurizer, Column?[] sources, TreeFeaturizer.Entry[][] text,
        int offset, int count, MlNetOutputPlan.Buffers buffers)
    {
        var x = ArrayPool<float>.Shared.Rent(trees.BlockLength);
        var codes = ArrayPool<int>.Shared.Rent(trees.CodeLength);
        var scratch = ArrayPool<int>.Shared.Rent(trees.ScratchLength);
        var sums = ArrayPool<double>.Shared.Rent(BlockTrees.BlockRows);
        try
        {
            for (var start = offset; start < offset + count; start += BlockTrees.BlockRows)
            {
                var rows = Math.Min(BlockTrees.BlockRows, offset + count - start);
                featurizer.Fill(sources, text, start, rows, x, codes);
                var block = sums.AsSpan(0, rows);
                block.Clear();
                walk.Sum(x, codes, scratch, rows, block);
                for (var i = 0; i < rows; i++) Write(start + i, block[i], buffers);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(x);
            ArrayPool<int>.Shared.Return(codes);
            ArrayPool<int>.Shared.Return(scratch);
            ArrayPool<double>.Shared.Return(sums);
        }
    }

    /// <summary>Row at a time over the whole feature vector: the path for trees <see cref="BlockTrees"/> cannot lay out.</summary>
    private void ScoreRows(Column?[] sources, TreeFeaturizer.Entry[][] text, int offset, int count, MlNetOutputPlan.Buffers buffers)
    {
        var rented = ArrayPool<float>.Shared.Rent(_featurizer.Width);
        var features = rented.AsSpan(0, _featurizer.Width);
        features.Clear();
        try
        {
            for (var row = offset; row < offset + count; row++)
            {
                _featurizer.Fill(sources, text, row, features);
                Write(row, _trees.Sum(features), buffers);
                _featurizer.Clear(sources, text, row, features);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private void Write(int row, double sum, MlNetOutputPlan.Buffers buffers)
    {
        var value = _average ? (float)sum / _trees.TreeCount : (float)sum;
        buffers.Score![row] = value;
        if (_threshold is { } threshold) buffers.LabelCodes![row] = value > threshold ? 1 : 0;
        if (_platt is var (slope, intercept)) buffers.Probability![row] = float.IsNaN(value) ? value : (float)(1 / (1 + Math.Exp(slope * value + intercept)));
    }

    /// <summary>A built walk and the entry ids its table covers (those below <paramref name="Stride"/>).</summary>
    private sealed record CompiledWalk(int Stride, BlockWalk? Walk);
}
