using System.Globalization;
using System.Text.Json;
using Fathom.Client;
using Fathom.Models.Packaging;
using Fathom.Training.Data;


namespace Fathom.Training.Tracking;

/// <summary>Writes what a training job did into its run: params, dataset input, metrics and artifacts.</summary>
internal static class TrainingRunLogger
{
    public const string ModelArtifactPath = "model";

    /// <summary>What describes the data and the job: the same for every child of a sweep.</summary>
    public static void LogDataParams(FathomRun run, TrainingRequest request, TrainingSplit dataset)
    {
        run.LogParam("task", request.Task.ToString().ToLowerInvariant());
        run.LogParam("trainer", request.Trainer.ToLowerInvariant());
        if (request.LabelExpression is { } expression) run.LogParam("label_expr", expression);
        else run.LogParam("label", request.Label ?? "");
        run.LogParam("data_path", Path.GetFullPath(request.DataPath));
        run.LogParam("data_sha256", dataset.Sha256);
        run.LogParam("rows_total", dataset.Train.Table.RowCount);
        run.LogParam("rows_train", dataset.TrainRows.Length);
        run.LogParam("rows_validation", dataset.ValidationRows.Length);
        run.LogParam("rows_missing_label", dataset.Train.MissingLabelRows);
        run.LogParam("features", string.Join(",", dataset.Train.Features.All));
        run.LogParam("validation", request.ValidationPath is { } v ? Path.GetFullPath(v) : request.ValidationSplit.ToString(CultureInfo.InvariantCulture));
        run.LogParam("seed", request.Seed);
    }

    /// <summary>The dataset as an MLflow run input (name, digest, source, schema, profile), tagged as training data.</summary>
    public static Task LogDatasetInputAsync(FathomClient client, FathomRun run, TrainingRequest request, TrainingSplit dataset, CancellationToken ct)
    {
        var table = dataset.Train.Table;
        var schema = JsonSerializer.Serialize(new
        {
            mlflow_colspec = table.Columns.Select(c => new { type = c.Kind switch { Fathom.Core.Tables.ColumnKind.Numeric => "double", Fathom.Core.Tables.ColumnKind.Categorical => "string", _ => "datetime" }, name = c.Name }),
        });
        var input = new Fathom.Client.Dataset(Path.GetFileName(request.DataPath), dataset.Sha256[..Math.Min(8, dataset.Sha256.Length)], "local",
            JsonSerializer.Serialize(new { uri = Path.GetFullPath(request.DataPath) }), schema, JsonSerializer.Serialize(new { num_rows = table.RowCount }));
        return client.LogInputsAsync(run.RunId, [new DatasetInput([new RunTag("mlflow.data.context", "training")], input)], ct);
    }

    public static void LogModelResults(FathomRun run, FittedModel model)
    {
        foreach (var (key, value) in model.Hyperparameters) run.LogParam(key, value);
        foreach (var (key, value) in model.Evaluation.Metrics) run.LogMetric(key, value);
    }

    /// <summary>
    /// Uploads the confusion matrix (JSON and CSV), the data profile and the model as Fathom.Models' mlnet package
    /// (model/MLmodel with signature, model/model.zip, model/input_example.json).
    /// </summary>
    public static async Task LogArtifactsAsync(FathomRun run, FittedModel model, string? profileJson, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("fathom-train-");
        try
        {
            if (model.Evaluation.ConfusionMatrix is { } matrix)
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, "confusion_matrix.json"), matrix.ToJson(), ct);
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, "confusion_matrix.csv"), matrix.ToCsv(), ct);
            }
            if (profileJson is not null) await File.WriteAllTextAsync(Path.Combine(folder.FullName, "data_profile.json"), profileJson, ct);
            ModelPackage.SaveMlNet(model.Model, model.InputSchema, Path.Combine(folder.FullName, ModelArtifactPath), inputExample: model.InputExample);
            await run.LogArtifactAsync(folder.FullName, ct: ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static async Task LogProfileAsync(FathomRun run, string profileJson, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("fathom-train-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "data_profile.json"), profileJson, ct);
            await run.LogArtifactAsync(folder.FullName, ct: ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static string ModelUri(string runId) => $"runs:/{runId}/{ModelArtifactPath}";
}
