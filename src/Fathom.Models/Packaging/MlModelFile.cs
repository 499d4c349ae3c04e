using System.Globalization;
using Fathom.Models.Signatures;

namespace Fathom.Models.Packaging;

/// <summary>
/// The <c>MLmodel</c> YAML file at the root of a model package, in MLflow's format: which flavors the folder can
/// be loaded as, where it was logged from, its signature and its input example. Unknown keys are kept in
/// <see cref="Extra"/> and written back, so a file written by MLflow round-trips.
/// </summary>
public sealed class MlModelFile
{
    /// <summary>The file name MLflow uses.</summary>
    public const string FileName = "MLmodel";

    /// <summary>The MLflow release whose MLmodel format Fathom writes; MLflow warns when it loads a model saved by a newer one.</summary>
    public const string MlflowFormatVersion = "2.17.0";

    /// <summary>The path under the run's artifacts (e.g. <c>model</c>); null for a model saved outside a run.</summary>
    public string? ArtifactPath { get; set; }

    /// <summary>The run the model was logged to.</summary>
    public string? RunId { get; set; }

    /// <summary>A random 32-hex id for this model.</summary>
    public string ModelUuid { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>When it was saved, UTC, as Python prints a naive datetime: <c>2024-10-10 10:10:10.123456</c>.</summary>
    public string UtcTimeCreated { get; set; } = FormatTime(DateTime.UtcNow);

    /// <summary><c>mlflow_version</c>: the MLflow format level (<see cref="MlflowFormatVersion"/>) for files Fathom writes.</summary>
    public string? MlflowVersion { get; set; } = MlflowFormatVersion;

    /// <summary><c>fathom_version</c>: the Fathom release that wrote the file; null for files MLflow wrote.</summary>
    public string? FathomVersion { get; set; } = typeof(MlModelFile).Assembly.GetName().Version?.ToString(3);

    /// <summary>Flavor name to its configuration (e.g. <c>onnx</c> → <c>{data: model.onnx, ...}</c>).</summary>
    public IDictionary<string, IDictionary<string, object?>> Flavors { get; } =
        new SortedDictionary<string, IDictionary<string, object?>>(StringComparer.Ordinal);

    /// <summary>The signature, if the model has one.</summary>
    public ModelSignature? Signature { get; set; }

    /// <summary>MLflow's <c>saved_input_example_info</c> (artifact_path, type, pandas_orient, serving_input_path).</summary>
    public IDictionary<string, object?>? SavedInputExampleInfo { get; set; }

    /// <summary>Total size of the package's files.</summary>
    public long? ModelSizeBytes { get; set; }

    /// <summary>User metadata (MLflow's <c>metadata</c>).</summary>
    public IDictionary<string, object?>? Metadata { get; set; }

    /// <summary>Top-level keys Fathom does not interpret, kept as read.</summary>
    public IDictionary<string, object?> Extra { get; } = new SortedDictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Reads <c>MLmodel</c> from a package folder (or the file itself).</summary>
    /// <param name="path">The folder or the MLmodel file.</param>
    /// <returns>The parsed file.</returns>
    /// <exception cref="FathomException">RESOURCE_DOES_NOT_EXIST when absent; INVALID_PARAMETER_VALUE when malformed.</exception>
    public static MlModelFile Read(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file)) throw FathomException.NotFound($"Could not find an \"{FileName}\" configuration file at \"{path}\".");
        return MlModelYaml.Parse(File.ReadAllText(file), file);
    }

    /// <summary>Parses MLmodel YAML text.</summary>
    /// <param name="yaml">The text.</param>
    /// <returns>The parsed file.</returns>
    public static MlModelFile Parse(string yaml) => MlModelYaml.Parse(yaml, FileName);

    /// <summary>Writes <c>MLmodel</c> into <paramref name="folder"/>.</summary>
    /// <param name="folder">The package folder.</param>
    public void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), ToYaml());

    /// <summary>The YAML MLflow's <c>yaml.safe_dump</c> would write: block style, keys sorted, signature schemas as JSON strings.</summary>
    /// <returns>The YAML text.</returns>
    public string ToYaml() => MlModelYaml.Write(this);

    /// <summary>Formats a time as MLflow's <c>utc_time_created</c>.</summary>
    /// <param name="utc">A UTC time.</param>
    /// <returns>e.g. <c>2024-10-10 10:10:10.123456</c>.</returns>
    public static string FormatTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>The flavor configuration, or null.</summary>
    /// <param name="flavor">e.g. <c>onnx</c>.</param>
    /// <returns>The configuration, or null when the package lacks that flavor.</returns>
    public IDictionary<string, object?>? Flavor(string flavor) => Flavors.TryGetValue(flavor, out var config) ? config : null;

    /// <summary>What MLflow stores per logged model in the run tag <c>mlflow.log-model.history</c>.</summary>
    /// <returns>run_id, utc_time_created, artifact_path, model_uuid and flavors.</returns>
    public IDictionary<string, object?> ToHistoryEntry()
    {
        var entry = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["utc_time_created"] = UtcTimeCreated,
            ["model_uuid"] = ModelUuid,
            ["flavors"] = Flavors.ToDictionary(f => f.Key, f => (object?)f.Value),
        };
        if (RunId is not null) entry["run_id"] = RunId;
        if (ArtifactPath is not null) entry["artifact_path"] = ArtifactPath;
        return entry;
    }
}
