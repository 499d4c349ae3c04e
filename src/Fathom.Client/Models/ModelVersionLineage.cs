namespace Fathom.Client;

/// <summary>
/// Where a model version came from: its source run and the artifact path inside it, and what that run consumed and
/// measured (dataset inputs, params, metrics). Composed by the client from MLflow's own calls
/// (<c>model-versions/get</c> and <c>runs/get</c>), so it works against any MLflow-compatible server.
/// </summary>
public sealed record ModelVersionLineage
{
    /// <summary>The version itself, with its aliases.</summary>
    public required ModelVersion Version { get; init; }

    /// <summary>The run that produced the version; null when the version was registered without one.</summary>
    public string? RunId => string.IsNullOrEmpty(Version.RunId) ? null : Version.RunId;

    /// <summary>
    /// The model's path inside the run's artifacts (e.g. <c>model</c>) when the version's source lies under the run's
    /// artifact root or is a <c>runs:/</c> URI; null when it points elsewhere.
    /// </summary>
    public string? ArtifactPath { get; init; }

    /// <summary>The source run with its params, latest metrics and dataset inputs; null when there is no run or it no longer exists.</summary>
    public Run? Run { get; init; }

    /// <summary>The datasets the run logged as inputs (name, digest, source).</summary>
    public IReadOnlyList<DatasetInput> DatasetInputs => Run?.Inputs.DatasetInputs ?? [];

    /// <summary>The run's params.</summary>
    public IReadOnlyList<Param> Params => Run?.Data.Params ?? [];

    /// <summary>The latest value of each of the run's metrics.</summary>
    public IReadOnlyList<Metric> Metrics => Run?.Data.Metrics ?? [];
}
