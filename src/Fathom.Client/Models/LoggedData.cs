namespace Fathom.Client;

/// <summary>One metric observation.</summary>
/// <param name="Key">The metric name.</param>
/// <param name="Value">The value; NaN and infinities are allowed.</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch.</param>
/// <param name="Step">The training step.</param>
public sealed record Metric(string Key, double Value, long Timestamp, long Step);

/// <summary>One metric observation with the run it belongs to (bulk-interval history).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Key">The metric name.</param>
/// <param name="Value">The value.</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch.</param>
/// <param name="Step">The training step.</param>
public sealed record MetricWithRunId(string RunId, string Key, double Value, long Timestamp, long Step);

/// <summary>A run parameter. Params are write-once: logging a key again with another value is an error.</summary>
/// <param name="Key">The param name.</param>
/// <param name="Value">The value, as text.</param>
public sealed record Param(string Key, string Value);

/// <summary>A key/value tag on an experiment, a run or a dataset input.</summary>
/// <param name="Key">The tag name.</param>
/// <param name="Value">The value.</param>
public sealed record RunTag(string Key, string Value);

/// <summary>A dataset a run consumed (MLflow's <c>Dataset</c> message).</summary>
/// <param name="Name">The dataset's name.</param>
/// <param name="Digest">A digest identifying the dataset's content.</param>
/// <param name="SourceType">Where it came from, e.g. <c>local</c>, <c>s3</c>.</param>
/// <param name="Source">The source, e.g. a path or URI (a JSON string in MLflow's conventions).</param>
/// <param name="Schema">Optional schema (JSON).</param>
/// <param name="Profile">Optional profile, e.g. row counts (JSON).</param>
public sealed record Dataset(string Name, string Digest, string SourceType, string Source, string? Schema = null, string? Profile = null);

/// <summary>A dataset with the tags describing how a run used it (e.g. <c>mlflow.data.context=training</c>).</summary>
/// <param name="Tags">Tags of this use of the dataset.</param>
/// <param name="Dataset">The dataset.</param>
public sealed record DatasetInput(IReadOnlyList<RunTag> Tags, Dataset Dataset);

/// <summary>A file or directory in a run's artifacts.</summary>
/// <param name="Path">The path relative to the listed root.</param>
/// <param name="IsDir">Whether it is a directory.</param>
/// <param name="FileSize">Size in bytes (files only).</param>
public sealed record ArtifactFile(string Path, bool IsDir, long? FileSize);
