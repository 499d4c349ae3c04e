using System.Text.Json;
using Fathom.Client;
using Fathom.Models.Packaging;
using Fathom.Models.Signatures;
using Microsoft.ML;

namespace Fathom.Models.Logging;

/// <summary>
/// Logs model packages to a run as MLflow's <c>log_model</c> does: the package is written to a temporary folder
/// with the run id and artifact path in its MLmodel, uploaded under the artifact path, and recorded in the run's
/// <c>mlflow.log-model.history</c> tag.
/// </summary>
public static class FathomRunModelExtensions
{
    /// <summary>The run tag MLflow appends one entry to per logged model.</summary>
    public const string HistoryTag = "mlflow.log-model.history";

    /// <summary>Logs an ML.NET model as an <c>mlnet</c> package.</summary>
    /// <param name="run">The run to log to.</param>
    /// <param name="model">The trained transformer chain.</param>
    /// <param name="inputSchema">The schema of the training data (e.g. <c>trainData.Schema</c>).</param>
    /// <param name="artifactPath">Where under the run's artifacts, e.g. <c>model</c>.</param>
    /// <param name="signature">The signature; null infers it from the ML.NET schemas.</param>
    /// <param name="inputExample">A few input rows.</param>
    /// <param name="labelColumn">The training label, left out of the inferred inputs.</param>
    /// <param name="registeredModelName">When given, registers the logged model as a new version of this registered model (created if missing).</param>
    /// <param name="ct">Cancels the upload.</param>
    /// <returns>The model URI and MLmodel file.</returns>
    public static Task<LoggedModel> LogModelAsync(this FathomRun run, ITransformer model, DataViewSchema inputSchema,
        string artifactPath = "model", ModelSignature? signature = null, DataTable? inputExample = null,
        string labelColumn = "Label", string? registeredModelName = null, CancellationToken ct = default) =>
        LogAsync(run, artifactPath, folder => ModelPackage.SaveMlNet(model, inputSchema, folder, signature, inputExample, labelColumn),
            registeredModelName, ct);

    /// <summary>Logs an ONNX model file as MLflow's <c>onnx</c> flavor.</summary>
    /// <param name="run">The run to log to.</param>
    /// <param name="onnxFile">The .onnx file.</param>
    /// <param name="artifactPath">Where under the run's artifacts, e.g. <c>model</c>.</param>
    /// <param name="signature">The signature; null infers a tensor-based one from the graph.</param>
    /// <param name="inputExample">A few input rows.</param>
    /// <param name="registeredModelName">When given, registers the logged model as a new version of this registered model (created if missing).</param>
    /// <param name="ct">Cancels the upload.</param>
    /// <returns>The model URI and MLmodel file.</returns>
    public static Task<LoggedModel> LogOnnxModelAsync(this FathomRun run, string onnxFile, string artifactPath = "model",
        ModelSignature? signature = null, DataTable? inputExample = null, string? registeredModelName = null, CancellationToken ct = default) =>
        LogAsync(run, artifactPath, folder => ModelPackage.SaveOnnx(onnxFile, folder, signature, inputExample), registeredModelName, ct);

    private static async Task<LoggedModel> LogAsync(FathomRun run, string artifactPath, Func<string, MlModelFile> save,
        string? registeredModelName, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("fathom-model-").FullName;
        try
        {
            var package = Path.Combine(folder, "package");
            var metadata = save(package);
            metadata.RunId = run.RunId;
            metadata.ArtifactPath = artifactPath;
            metadata.Write(package);
            await run.LogArtifactAsync(package, artifactPath, ct: ct);
            await RecordHistoryAsync(run, metadata, ct);
            var modelUri = $"runs:/{run.RunId}/{artifactPath}";
            var registered = registeredModelName is null ? null : await run.Client.RegisterModelAsync(modelUri, registeredModelName, ct: ct);
            return new LoggedModel(modelUri, metadata, registered?.Version);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Appends the model to the run's history tag. MLflow's server does this in its log-model endpoint; Fathom's
    /// client reads the tag and writes it back, so two models logged to one run at the same instant can race.
    /// </summary>
    private static async Task RecordHistoryAsync(FathomRun run, MlModelFile metadata, CancellationToken ct)
    {
        var current = await run.Client.GetRunAsync(run.RunId, ct);
        var previous = current.Data.Tags.FirstOrDefault(t => t.Key == HistoryTag)?.Value;
        var history = new List<object?>();
        if (previous is not null)
        {
            try
            {
                history.AddRange(JsonSerializer.Deserialize<List<JsonElement>>(previous)!.Cast<object?>());
            }
            catch (JsonException)
            {
                // A tag some other tool wrote badly is replaced rather than blocking the log.
            }
        }
        history.Add(metadata.ToHistoryEntry());
        await run.Client.SetTagAsync(run.RunId, HistoryTag, JsonSerializer.Serialize(history), ct);
    }
}
