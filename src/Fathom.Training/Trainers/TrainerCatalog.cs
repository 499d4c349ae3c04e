using Fathom.Core.Errors;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Fathom.Training.Trainers;

/// <summary>
/// The trainers by name and task. Each entry makes the trainer's own options object (so <c>--param</c> can set any
/// of its fields by name) and the estimator from it. FastTree and FastForest have no multiclass form: they are
/// wrapped one-versus-all. For regression, lbfgs is Poisson regression (a non-negative count label).
/// </summary>
internal static class TrainerCatalog
{
    public static readonly IReadOnlyList<string> Names = ["lightgbm", "fasttree", "fastforest", "sdca", "lbfgs"];

    public static TrainerDefinition Get(string name, TrainingTask task) => (name.ToLowerInvariant(), task) switch
    {
        ("lightgbm", TrainingTask.Binary) => Tree<LightGbmBinaryTrainer.Options>((ml, o) => ml.BinaryClassification.Trainers.LightGbm(o)),
        ("lightgbm", TrainingTask.Multiclass) => Tree<LightGbmMulticlassTrainer.Options>((ml, o) => ml.MulticlassClassification.Trainers.LightGbm(o)),
        ("lightgbm", TrainingTask.Regression) => Tree<LightGbmRegressionTrainer.Options>((ml, o) => ml.Regression.Trainers.LightGbm(o)),
        ("fasttree", TrainingTask.Binary) => Tree<FastTreeBinaryTrainer.Options>((ml, o) => ml.BinaryClassification.Trainers.FastTree(o)),
        ("fasttree", TrainingTask.Multiclass) => Tree<FastTreeBinaryTrainer.Options>((ml, o) =>
            ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(o))),
        ("fasttree", TrainingTask.Regression) => Tree<FastTreeRegressionTrainer.Options>((ml, o) => ml.Regression.Trainers.FastTree(o)),
        ("fastforest", TrainingTask.Binary) => Tree<FastForestBinaryTrainer.Options>((ml, o) => ml.BinaryClassification.Trainers.FastForest(o)),
        ("fastforest", TrainingTask.Multiclass) => Tree<FastForestBinaryTrainer.Options>((ml, o) =>
            ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastForest(o))),
        ("fastforest", TrainingTask.Regression) => Tree<FastForestRegressionTrainer.Options>((ml, o) => ml.Regression.Trainers.FastForest(o)),
        ("sdca", TrainingTask.Binary) => Linear<SdcaLogisticRegressionBinaryTrainer.Options>((ml, o) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(o)),
        ("sdca", TrainingTask.Multiclass) => Linear<SdcaMaximumEntropyMulticlassTrainer.Options>((ml, o) => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(o)),
        ("sdca", TrainingTask.Regression) => Linear<SdcaRegressionTrainer.Options>((ml, o) => ml.Regression.Trainers.Sdca(o)),
        ("lbfgs", TrainingTask.Binary) => Linear<LbfgsLogisticRegressionBinaryTrainer.Options>((ml, o) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(o)),
        ("lbfgs", TrainingTask.Multiclass) => Linear<LbfgsMaximumEntropyMulticlassTrainer.Options>((ml, o) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(o)),
        ("lbfgs", TrainingTask.Regression) => Linear<LbfgsPoissonRegressionTrainer.Options>((ml, o) => ml.Regression.Trainers.LbfgsPoissonRegression(o)),
        _ => throw FathomException.InvalidParameter($"Unknown trainer '{name}'; choose one of: {string.Join(", ", Names)}."),
    };

    private static TrainerDefinition Tree<TOptions>(Func<MLContext, TOptions, IEstimator<ITransformer>> create) where TOptions : new() =>
        new(typeof(TOptions), () => new TOptions()!, (ml, o) => create(ml, (TOptions)o), Normalize: false, CacheData: false);

    // Linear trainers make many passes over the data: ML.NET's cache turns the later ones into array reads.
    private static TrainerDefinition Linear<TOptions>(Func<MLContext, TOptions, IEstimator<ITransformer>> create) where TOptions : new() =>
        new(typeof(TOptions), () => new TOptions()!, (ml, o) => create(ml, (TOptions)o), Normalize: true, CacheData: true);
}

/// <summary>How to make one trainer: its options type, a fresh options object, and the estimator from the options.</summary>
internal sealed record TrainerDefinition(Type OptionsType, Func<object> NewOptions, Func<MLContext, object, IEstimator<ITransformer>> Create,
    bool Normalize, bool CacheData);
