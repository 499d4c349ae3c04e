using Fathom.Training.Data;
using Fathom.Training.Evaluation;
using Fathom.Training.Features;
using Fathom.Training.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training;

/// <summary>
/// Fits models on one dataset. The featurizer is fitted once per normalization setting and reused across a sweep,
/// so a grid of N combinations pays for N trainer fits but one featurization pass.
/// </summary>
internal sealed class ModelFitter(TrainingSplit dataset, TrainingTask task, int seed)
{
    private readonly MLContext _ml = new(seed);
    private readonly Dictionary<bool, (ITransformer Featurizer, IDataView Train, IDataView Validation)> _featurized = [];
    private ITransformer? _labelMapper;

    public FittedModel Fit(string trainer, IReadOnlyDictionary<string, string> parameters, Action<TrainingStage>? onStage)
    {
        var definition = TrainerCatalog.Get(trainer, task);
        var options = definition.NewOptions();
        TrainerParameters.Apply(options, parameters);
        onStage?.Invoke(TrainingStage.Featurizing);
        var (featurizer, train, validation) = Featurize(definition.Normalize);
        if (definition.CacheData) train = _ml.Data.Cache(train);
        onStage?.Invoke(TrainingStage.Training);
        var predictor = definition.Create(_ml, options).Fit(train);
        onStage?.Invoke(TrainingStage.Evaluating);
        var scored = predictor.Transform(validation);
        var evaluation = ModelEvaluator.Evaluate(_ml, scored, task);
        ITransformer[] steps = task == TrainingTask.Multiclass
            ? [featurizer, predictor, _ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(scored)]
            : [featurizer, predictor];
        var model = new TransformerChain<ITransformer>(steps);
        var example = new ColumnarDataView(dataset.Train.FeatureColumns, dataset.TrainRows[..Math.Min(5, dataset.TrainRows.Length)]);
        return new FittedModel(_ml, model, example.Schema, evaluation, [.. TrainerParameters.Values(options)], InputExampleTable.From(example));
    }

    private (ITransformer, IDataView, IDataView) Featurize(bool normalize)
    {
        if (_featurized.TryGetValue(normalize, out var done)) return done;
        var train = dataset.Train.View(dataset.TrainRows);
        var validation = dataset.Validation.View(dataset.ValidationRows);
        // Multiclass labels become keys outside the saved model, so predicting never needs a label column.
        if (task == TrainingTask.Multiclass)
        {
            _labelMapper ??= _ml.Transforms.Conversion.MapValueToKey(TrainingData.LabelColumn).Fit(train);
            train = _labelMapper.Transform(train);
            validation = _labelMapper.Transform(validation);
        }
        var featurizer = FeaturePipeline.Build(_ml, dataset.Train, normalize).Fit(train);
        done = (featurizer, featurizer.Transform(train), featurizer.Transform(validation));
        _featurized[normalize] = done;
        return done;
    }
}
