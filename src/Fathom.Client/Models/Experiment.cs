namespace Fathom.Client;

/// <summary>An experiment as the tracking server returns it (MLflow's <c>Experiment</c> message).</summary>
public sealed record Experiment
{
    /// <summary>The server-assigned id (a string on the wire, numeric on MLflow servers).</summary>
    public string ExperimentId { get; init; } = "";

    /// <summary>The unique experiment name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Where the experiment's artifacts are stored, as the server reports it.</summary>
    public string? ArtifactLocation { get; init; }

    /// <summary><c>active</c> or <c>deleted</c>.</summary>
    public string LifecycleStage { get; init; } = "active";

    /// <summary>Creation time in milliseconds since the Unix epoch.</summary>
    public long? CreationTime { get; init; }

    /// <summary>Last update time in milliseconds since the Unix epoch.</summary>
    public long? LastUpdateTime { get; init; }

    /// <summary>The experiment's tags.</summary>
    public IReadOnlyList<RunTag> Tags { get; init; } = [];
}

/// <summary>Which lifecycle stages a search returns (MLflow's <c>ViewType</c>).</summary>
public enum ViewType
{
    /// <summary>Only active experiments or runs (the default).</summary>
    ActiveOnly = 1,

    /// <summary>Only soft-deleted experiments or runs.</summary>
    DeletedOnly = 2,

    /// <summary>Both active and deleted.</summary>
    All = 3,
}

/// <summary>One page of search results and the opaque token of the next page.</summary>
/// <typeparam name="T">The kind of item.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="NextPageToken">Pass to the next call to get the following page; null or empty on the last page.</param>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, string? NextPageToken);
