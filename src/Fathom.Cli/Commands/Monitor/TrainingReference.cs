using System.Security.Cryptography;
using Fathom.Client;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Models.Packaging;

namespace Fathom.Cli.Commands.Monitor;

/// <summary>
/// The reference a served model is monitored against: the data it was trained on. <c>fathom train</c> logs the training
/// file's path and SHA-256 as the run's <c>data_path</c>/<c>data_sha256</c> params (its <c>data_profile.json</c> holds only
/// summaries, too little for drift tests), so the file is read again and its hash checked, then scored with the model
/// itself so prediction drift compares the served predictions with the model's predictions on its training data.
/// </summary>
internal sealed record TrainingReference(string Name, string Version, string RunId, string Source, bool HashChecked, string? Task, DataTable Table)
{
    /// <summary>The log's per-class score columns (<c>output_&lt;name&gt;_&lt;class&gt;</c>) and their classes, when the model has them.</summary>
    public IReadOnlyList<(string Column, string Class)> ScoreColumns { get; init; } = [];

    /// <summary>The reference's target column, renamed to the prediction log's <c>label</c>, when the training label is a column.</summary>
    public bool HasLabel => Table.Contains("label");

    public static async Task<TrainingReference> LoadAsync(FathomClient client, string name, string? version, string? alias, string? referencePath, CancellationToken ct)
    {
        var uri = version is not null ? $"models:/{name}/{version}" : alias is not null ? $"models:/{name}@{alias}" : $"models:/{name}/latest";
        var location = await client.ResolveModelUriAsync(uri, ct);
        var runId = location.RunId ?? throw FathomException.InvalidParameter($"Model '{uri}' has no run: monitoring needs the training run's data_path param (or --reference).");
        var run = await client.GetRunAsync(runId, ct);
        var parameters = run.Data.Params.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var (path, hashChecked) = await ReferencePathAsync(parameters, runId, referencePath, ct);
        var data = await TableReader.ReadAsync(path, ct);
        var label = parameters.GetValueOrDefault("label") is { Length: > 0 } l && data.Contains(l) ? l : null;
        var features = parameters.GetValueOrDefault("features") is { Length: > 0 } f
            ? f.Split(',').Where(data.Contains).ToList()
            : data.ColumnNames.Where(n => n != label).ToList();
        var inputs = new DataTable(features.Select(n => data[n]));
        var (outputs, scoreColumns) = await PredictAsync(client, uri, inputs, ct);
        var columns = inputs.Columns.Concat(outputs)
            .Append(new TimestampColumn("timestamp", Enumerable.Repeat(TimestampColumn.MissingTicks, data.RowCount).ToArray()));
        if (label is not null) columns = columns.Append(data[label].Rename("label"));
        var task = parameters.GetValueOrDefault("task") switch { "regression" => "regression", null => null, _ => "classification" };
        return new TrainingReference(location.Name ?? name, location.Version ?? "", runId, path, hashChecked, task, new DataTable(columns)) { ScoreColumns = scoreColumns };
    }

    private static async Task<(string Path, bool HashChecked)> ReferencePathAsync(Dictionary<string, string> parameters, string runId, string? referencePath, CancellationToken ct)
    {
        if (referencePath is not null) return (referencePath, false);
        var path = parameters.GetValueOrDefault("data_path")
            ?? throw FathomException.InvalidParameter($"Run {runId} logged no data_path param (it was not trained by `fathom train`): pass the training data with --reference.");
        if (!File.Exists(path))
            throw FathomException.InvalidParameter($"The training data '{path}' (data_path of run {runId}) is not readable here: pass a copy with --reference.");
        if (parameters.GetValueOrDefault("data_sha256") is { Length: > 0 } expected)
        {
            await using var stream = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (actual != expected)
                throw FathomException.InvalidParameter($"The training data '{path}' changed since run {runId} (sha256 {actual[..12]}..., logged {expected[..Math.Min(12, expected.Length)]}...): pass the original data with --reference.");
            return (path, true);
        }
        return (path, false);
    }

    // The model's outputs named as the server's prediction log names them (Fathom.Serving's Scorer.LogColumns):
    // `prediction` for the main one, `output_<name>` for the others and `output_<scores>_<class>` per class.
    private static async Task<(List<Column> Outputs, List<(string Column, string Class)> ScoreColumns)> PredictAsync(FathomClient client, string uri, DataTable inputs, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("fathom-monitor-model-");
        try
        {
            await client.DownloadModelAsync(uri, folder.FullName, ct: ct);
            using var model = ModelLoader.Load(folder.FullName);
            var output = model.Predict(inputs);
            var columns = new List<Column> { output.Prediction.Rename("prediction") };
            foreach (var column in output.Columns)
                if (!ReferenceEquals(column, output.Prediction)) columns.Add(column.Rename("output_" + column.Name));
            var scoreColumns = new List<(string, string)>();
            if (output.Scores is { } scores)
            {
                for (var c = 0; c < scores.ClassCount; c++)
                {
                    var name = $"output_{scores.Name}_{scores.Classes[c]}";
                    columns.Add(new NumericColumn(name, scores.ColumnOf(c)));
                    scoreColumns.Add((name, scores.Classes[c]));
                }
            }
            return (columns, scoreColumns);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
