namespace Fathom.Tracking.Entities.Registry;

/// <summary>
/// Domain shape of one version of a registered model. Lineage: <see cref="RunId"/> and <see cref="Source"/> name the
/// run and the artifact location the version was registered from. Strings are null where MLflow leaves them unset.
/// </summary>
public sealed record ModelVersion(
    string Name,
    int Version,
    long CreationTimestamp,
    long LastUpdatedTimestamp,
    string? Description,
    string? UserId,
    string CurrentStage,
    string? Source,
    string? RunId,
    ModelVersionStatus Status,
    string? StatusMessage,
    IReadOnlyList<Tag> Tags,
    string? RunLink,
    IReadOnlyList<string> Aliases);

/// <summary>MLflow's model version states; versions are READY as soon as they are created.</summary>
public enum ModelVersionStatus
{
    PENDING_REGISTRATION = 1,
    FAILED_REGISTRATION = 2,
    READY = 3,
}
