using System.Buffers;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// Scores FastTree, FastForest and LightGBM regression, binary and one-versus-all multiclass models (LightGBM
/// multiclass, OVA-wrapped FastTree and FastForest) without ML.NET's per-row machinery: the traced featurizer fills
/// reused feature columns and the flattened trees are walked over them, each class's trees summed on their own.
/// The outputs are computed as ML.NET computes them (<see cref="SingleTreeOutput"/>, <see cref="MulticlassTreeOutput"/>).
/// <see cref="TryCreate"/> returns null for anything else (other calibrators, other predictors, other transforms),
/// and the caller keeps ML.NET's path for those.
/// </summary>
internal sealed class TreeScorer
{
    private readonly TreeFeaturizer _featurizer;
    private readonly FlatTreeEnsemble _trees;
    private readonly TreeOutput _output;
    private readonly BlockTrees? _blocks;
    private readonly BlockFeaturizer? _blockFeaturizer;
    private readonly bool _leafMasks;
    private readonly Lock _walkLock = new();
    private volatile CompiledWalk? _walk;

    private TreeScorer(TreeFeaturizer featurizer, FlatTreeEnsemble trees, TreeOutput output, bool leafMasks)
    {
        _leafMasks = leafMasks;
        _featurizer = featurizer;
        _trees = trees;
        _output = output;
        _blocks = trees.ToBlocks(featurizer.TextBlockOf);
        _blockFeaturizer = _blocks is null ? null : featurizer.ForBlocks(_blocks);
    }

    /// <summary>Whether rows are scored in blocks (<see cref="BlockTrees"/>) rather than one at a time.</summary>
    public bool ScoresInBlocks => _blocks is not null;

    /// <summary>How many times the block walk (nodes packed, direction tables filled) has been built.</summary>
    internal int WalksBuilt { get; private set; }

    /// <summary>Whether the block walk built last goes by leaf masks (<see cref="LeafMaskWalk"/>).</summary>
    internal bool WalksByLeafMasks => _walk?.Walk?.WalksByLeafMasks == true;

    /// <summary>The scorer of the model, or null; <paramref name="leafMasks"/> false keeps the table walk (<see cref="BlockTrees.Walk"/>).</summary>
    public static TreeScorer? TryCreate(ITransformer model, DataViewSchema inputSchema, MlNetOutputPlan plan, bool leafMasks = true)
    {
        if (FeaturizerTrace.Trace(model, inputSchema) is not var (parts, predictor)) return null;
        var parameters = ((ISingleFeaturePredictionTransformer<object>)predictor).Model;
        var read = predictor.GetType().Name.StartsWith("MulticlassPredictionTransformer", StringComparison.Ordinal)
            ? ReadMulticlass(parameters, plan)
            : ReadSingle(predictor, parameters, plan);
        if (read is not var (groups, output) || FlatTreeEnsemble.From(groups) is not { } trees || trees.OutputCount != output.Count) return null;
        var featurizer = TreeFeaturizer.Create(model, inputSchema, ((ISingleFeaturePredictionTransformer<object>)predictor).FeatureColumnName, parts);
        if (featurizer is null || trees.FeatureCount > featurizer.Width) return null;
        return new TreeScorer(featurizer, trees, output, leafMasks);
    }

    private static (IReadOnlyList<RegressionTreeBase>[], TreeOutput)? ReadSingle(ITransformer predictor, object? parameters, MlNetOutputPlan plan)
    {
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
        if (plan.Score is not { } score || score.Type != NumberDataViewType.Single || Ensemble(parameters) is not var (trees, average)) return null;
        return ([trees], new SingleTreeOutput(average ? trees.Count : 0, threshold, platt));
    }

    /// <summary>
    /// A one-versus-all model: its per-class predictors and the formula of its loaded implementation.
    /// </summary>
    private static (IReadOnlyList<RegressionTreeBase>[], TreeOutput)? ReadMulticlass(object? parameters, MlNetOutputPlan plan)
    {
        if (parameters is not OneVersusAllModelParameters ova || Member(ova, "_impl") is not { } impl || Member(impl, "Predictors") is not Array predictors) return null;
        MulticlassTreeOutput.Formula? formula = impl.GetType().Name switch
        {
            "ImplRaw" => MulticlassTreeOutput.Formula.Raw,
            "ImplDist" => MulticlassTreeOutput.Formula.ProbabilityNormalization,
            "ImplSoftmax" => MulticlassTreeOutput.Formula.Softmax,
            _ => null,
        };
        if (formula is not { } f || plan.Score is not { Type: VectorDataViewType { Size: var size } } || size != predictors.Length
            || plan.Probability is not null || (plan.Label is not null && plan.LabelCategories is null)) return null;
        var groups = new IReadOnlyList<RegressionTreeBase>[size];
        var averageOver = new int[size];
        var platt = new (double, double)[size];
        for (var c = 0; c < size; c++)
        {
            var model = predictors.GetValue(c);
            if (model is CalibratedModelParametersBase calibrated)
            {
                if (calibrated.Calibrator is PlattCalibrator p) platt[c] = (p.Slope, p.Offset);
                else if (f == MulticlassTreeOutput.Formula.ProbabilityNormalization) return null;
                model = calibrated.SubModel;
            }
            else if (f == MulticlassTreeOutput.Formula.ProbabilityNormalization) return null;
            if (Ensemble(model) is not var (trees, average)) return null;
            groups[c] = trees;
            averageOver[c] = average ? trees.Count : 0;
        }
        return (groups, new MulticlassTreeOutput(averageOver, f, platt));
    }

    /// <summary>
    /// A tree model's trees, and whether its score is their average (FastForest regression) rather than their sum
    /// (FastForest's binary score is the plain sum, which its calibrator then maps).
    /// </summary>
    private static (IReadOnlyList<RegressionTreeBase> Trees, bool Average)? Ensemble(object? parameters) => parameters switch
    {
        TreeEnsembleModelParametersBasedOnRegressionTree t => (t.TrainedTreeEnsemble.Trees, false),
        FastForestRegressionModelParameters f => (f.TrainedTreeEnsemble.Trees, true),
        FastForestBinaryModelParameters f => (f.TrainedTreeEnsemble.Trees, false),
        _ => null,
    };

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
        var needed = 0; // a loop, not LINQ: this runs on every scoring call, one-row requests included
        foreach (var block in trees.CodeBlocks) needed = Math.Max(needed, _featurizer.EntryCount(block));
        if (_walk is { } current && needed <= current.Stride) return current.Walk;
        lock (_walkLock)
        {
            if (_walk is { } built && needed <= built.Stride) return built.Walk;
            var stride = Math.Max(trees.MinStride, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(needed, 16)));
            var walk = trees.Walk(featurizer.CategoricalTable(_featurizer.Entries, stride), stride, _leafMasks);
            WalksBuilt++;
            _walk = new CompiledWalk(stride, walk);
            return walk;
        }
    }

    private void ScoreBlocks(BlockWalk walk, BlockTrees trees, BlockFeaturizer featurizer, Column?[] sources, TreeFeaturizer.Entry[][] text,
        int offset, int count, MlNetOutputPlan.Buffers buffers)
    {
        var k = _output.Count;
        var x = ArrayPool<float>.Shared.Rent(trees.BlockLength);
        var codes = ArrayPool<int>.Shared.Rent(trees.CodeLength);
        var scratch = ArrayPool<int>.Shared.Rent(trees.ScratchLength);
        var sums = ArrayPool<double>.Shared.Rent(BlockTrees.BlockRows * k);
        try
        {
            for (var start = offset; start < offset + count; start += BlockTrees.BlockRows)
            {
                var rows = Math.Min(BlockTrees.BlockRows, offset + count - start);
                featurizer.Fill(sources, text, start, rows, x, codes);
                var block = sums.AsSpan(0, rows * k);
                block.Clear();
                walk.Sum(x, codes, scratch, rows, block);
                for (var i = 0; i < rows; i++) _output.Write(start + i, block.Slice(i * k, k), buffers);
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
        var sums = new double[_output.Count];
        try
        {
            for (var row = offset; row < offset + count; row++)
            {
                _featurizer.Fill(sources, text, row, features);
                Array.Clear(sums);
                _trees.Sum(features, sums);
                _output.Write(row, sums, buffers);
                _featurizer.Clear(sources, text, row, features);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>A built walk and the entry ids its table covers (those below <paramref name="Stride"/>).</summary>
    private sealed record CompiledWalk(int Stride, BlockWalk? Walk);
}
