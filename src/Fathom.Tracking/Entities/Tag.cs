namespace Fathom.Tracking.Entities;

/// <summary>A key/value pair: experiment tags, run tags, and dataset input tags share this shape.</summary>
public sealed record Tag(string Key, string Value);

/// <summary>A run parameter. Write-once: logging the same key with another value is an error.</summary>
public sealed record Param(string Key, string Value);

/// <summary>One metric observation. <see cref="Timestamp"/> is milliseconds since the Unix epoch.</summary>
public sealed record Metric(string Key, double Value, long Timestamp, long Step);

/// <summary>A metric observation together with the run it belongs to (bulk-interval history).</summary>
public sealed record MetricWithRunId(string RunId, string Key, double Value, long Timestamp, long Step);
