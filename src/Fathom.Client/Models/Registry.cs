namespace Fathom.Client;

/// <summary>A registered model as the server returns it (MLflow's <c>RegisteredModel</c> message).</summary>
public sealed record RegisteredModel
{
    /// <summary>The unique model name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Creation time in milliseconds since the Unix epoch.</summary>
    public long? CreationTimestamp { get; init; }

    /// <summary>Last change to the model or any of its versions, in milliseconds since the Unix epoch.</summary>
    public long? LastUpdatedTimestamp { get; init; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The newest version in each stage (without aliases).</summary>
    public IReadOnlyList<ModelVersion> LatestVersions { get; init; } = [];

    /// <summary>The model's tags.</summary>
    public IReadOnlyList<RunTag> Tags { get; init; } = [];

    /// <summary>Every alias of the model and the version it points to.</summary>
    public IReadOnlyList<RegisteredModelAlias> Aliases { get; init; } = [];
}

/// <summary>An alias (<c>models:/name@alias</c>) and the version number it points to.</summary>
/// <param name="Alias">The alias name, e.g. <c>champion</c>.</param>
/// <param name="Version">The version number, as a string as on the wire.</param>
public sealed record RegisteredModelAlias(string Alias, string Version);

/// <summary>One version of a registered model (MLflow's <c>ModelVersion</c> message).</summary>
public sealed record ModelVersion
{
    /// <summary>The registered model's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The version number, as a string as on the wire (1, 2, ...).</summary>
    public string Version { get; init; } = "";

    /// <summary>Creation time in milliseconds since the Unix epoch.</summary>
    public long? CreationTimestamp { get; init; }

    /// <summary>Last change in milliseconds since the Unix epoch.</summary>
    public long? LastUpdatedTimestamp { get; init; }

    /// <summary>The stage: <c>None</c>, <c>Staging</c>, <c>Production</c> or <c>Archived</c>.</summary>
    public string? CurrentStage { get; init; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Where the model's files were registered from (an artifact URI).</summary>
    public string? Source { get; init; }

    /// <summary>The run that produced the model, if any (lineage).</summary>
    public string? RunId { get; init; }

    /// <summary><c>READY</c> once registered.</summary>
    public string? Status { get; init; }

    /// <summary>The version's tags.</summary>
    public IReadOnlyList<RunTag> Tags { get; init; } = [];

    /// <summary>Aliases pointing at this version (filled by get calls, not by search, as on MLflow servers).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
