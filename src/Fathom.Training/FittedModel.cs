using Fathom.Training.Evaluation;
using Fathom.Core.Tables;
using Microsoft.ML;

namespace Fathom.Training;

/// <summary>A trained model with its validation results; <see cref="Save"/> writes ML.NET's model.zip.</summary>
public sealed class FittedModel
{
    private readonly MLContext _ml;

    internal FittedModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, ModelEvaluation evaluation,
        IReadOnlyList<KeyValuePair<string, string>> hyperparameters, DataTable inputExample)
    {
        InputExample = inputExample;
        _ml = ml;
        Model = model;
        InputSchema = inputSchema;
        Evaluation = evaluation;
        Hyperparameters = hyperparameters;
    }

    /// <summary>Featurization and trainer: takes the raw feature columns, adds Score (and PredictedLabel, Probability).</summary>
    public ITransformer Model { get; }

    /// <summary>The columns the model reads: numeric features as Single, text as text, timestamps as DateTime.</summary>
    public DataViewSchema InputSchema { get; }

    public ModelEvaluation Evaluation { get; }

    /// <summary>Every scalar option of the trainer as it was used.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters { get; }

    /// <summary>The first training rows as model inputs, saved with the model package.</summary>
    public DataTable InputExample { get; }

    public void Save(string path) => _ml.Model.Save(Model, InputSchema, path);
}
