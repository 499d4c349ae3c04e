using Fathom.Core.Errors;

namespace Fathom.Tracking.Entities.Registry;

/// <summary>
/// MLflow's model version stages (<c>model_version_stages.py</c>). Stages are deprecated in favour of aliases but
/// still served for old clients. Deleted versions stay in the table under the internal stage, so numbers are never reused.
/// </summary>
public static class ModelStages
{
    public const string None = "None";
    public const string Staging = "Staging";
    public const string Production = "Production";
    public const string Archived = "Archived";

    /// <summary>The stage of a deleted version: invisible to every read.</summary>
    public const string DeletedInternal = "Deleted_Internal";

    public static IReadOnlyList<string> All { get; } = [None, Staging, Production, Archived];

    /// <summary>The stages <c>archive_existing_versions</c> may be used with.</summary>
    public static IReadOnlyList<string> Active { get; } = [Staging, Production];

    /// <summary>The stage's canonical spelling (stages are case-insensitive); an unknown stage is INVALID_PARAMETER_VALUE.</summary>
    public static string Canonical(string? stage) =>
        All.FirstOrDefault(s => s.Equals(stage, StringComparison.OrdinalIgnoreCase))
        ?? throw FathomException.InvalidParameter(
            $"Invalid Model Version stage: {stage}. Value must be one of {string.Join(", ", All)}.");
}
