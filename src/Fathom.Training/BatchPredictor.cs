using Fathom.Core.Tables;
using Fathom.Models.MlNet;
using Fathom.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training;

/// <summary>
/// Scores a table with a model.zip written by <c>fathom train</c>: the table's columns are viewed as the model's
/// inputs without copying rows, and the model's output columns (Score, PredictedLabel, Probability) are read back.
/// </summary>
public sealed class BatchPredictor
{
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;

    private BatchPredictor(ITransformer model, DataViewSchema inputSchema)
    {
        _model = model;
        _inputSchema = inputSchema;
    }

    public static BatchPredictor Load(string modelZip)
    {
        var ml = TimestampFeatures.Register(new MLContext());
        var model = ml.Model.Load(modelZip, out var inputSchema);
        return new BatchPredictor(model, inputSchema);
    }

    /// <summary>The names of the columns the model reads.</summary>
    public IReadOnlyList<string> InputColumns => [.. _inputSchema.Select(c => c.Name)];

    /// <summary>The model's outputs for every row of the table, as a lazily evaluated ML.NET view.</summary>
    public IDataView Score(DataTable table, string source = "input") => _model.Transform(ModelInputView.FromTable(table, _inputSchema, source));

    /// <summary>The Score column as one float per row (regression value or binary score).</summary>
    public float[] PredictScores(DataTable table, string source = "input") =>
        [.. Score(table, source).GetColumn<float>("Score")];
}
