namespace Fathom.Tracking.Entities.Registry;

/// <summary>
/// Domain shape of an MLflow registered model. <see cref="LatestVersions"/> holds the newest version in each stage
/// (without their aliases, as MLflow's store returns them); <see cref="Aliases"/> every alias of the model.
/// </summary>
public sealed record RegisteredModel(
    string Name,
    long CreationTimestamp,
    long LastUpdatedTimestamp,
    string? Description,
    IReadOnlyList<ModelVersion> LatestVersions,
    IReadOnlyList<Tag> Tags,
    IReadOnlyList<RegisteredModelAlias> Aliases);

/// <summary>A named pointer from a registered model to one of its versions (<c>models:/name@alias</c>).</summary>
public sealed record RegisteredModelAlias(string Alias, int Version);
