using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Entities.Registry;

namespace Fathom.Tracking.Stores;

/// <summary>
/// The model registry store (MLflow's model registry <c>AbstractStore</c>). It lives in the tracking database, as
/// MLflow's registry does when no separate registry URI is given: the store <see cref="TrackingStoreFactory"/> opens
/// implements both interfaces (see <see cref="ModelRegistryStoreExtensions.Registry"/>). Versions are passed as
/// strings, as on the wire, and validated here with MLflow's messages; every failure is a
/// <see cref="FathomException"/> with MLflow's error code.
/// </summary>
public interface IModelRegistryStore
{
    // registered models
    Task<RegisteredModel> CreateRegisteredModelAsync(string name, IReadOnlyList<Tag> tags, string? description, CancellationToken ct = default);
    Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken ct = default);
    Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, CancellationToken ct = default);
    Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, CancellationToken ct = default);

    /// <summary>Deletes the model with its versions, tags and aliases.</summary>
    Task DeleteRegisteredModelAsync(string name, CancellationToken ct = default);
    Task<Page<RegisteredModel>> SearchRegisteredModelsAsync(RegisteredModelSearch search, CancellationToken ct = default);

    /// <summary>The newest version in each of <paramref name="stages"/> (every stage when null or empty).</summary>
    Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages, CancellationToken ct = default);
    Task SetRegisteredModelTagAsync(string name, Tag tag, CancellationToken ct = default);
    Task DeleteRegisteredModelTagAsync(string name, string key, CancellationToken ct = default);

    // model versions
    Task<ModelVersion> CreateModelVersionAsync(NewModelVersion version, CancellationToken ct = default);
    Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken ct = default);
    Task<ModelVersion> UpdateModelVersionAsync(string name, string version, string? description, CancellationToken ct = default);
    Task<ModelVersion> TransitionModelVersionStageAsync(string name, string version, string stage, bool archiveExistingVersions, CancellationToken ct = default);

    /// <summary>Deletes a version (its number is never reused) and the aliases pointing at it.</summary>
    Task DeleteModelVersionAsync(string name, string version, CancellationToken ct = default);

    /// <summary>Where the version's files are: its source, or for a <c>models:/</c> source the location that named.</summary>
    Task<string> GetModelVersionDownloadUriAsync(string name, string version, CancellationToken ct = default);
    Task<Page<ModelVersion>> SearchModelVersionsAsync(ModelVersionSearch search, CancellationToken ct = default);
    Task SetModelVersionTagAsync(string name, string version, Tag tag, CancellationToken ct = default);
    Task DeleteModelVersionTagAsync(string name, string version, string key, CancellationToken ct = default);

    // aliases
    Task SetRegisteredModelAliasAsync(string name, string alias, string version, CancellationToken ct = default);
    Task DeleteRegisteredModelAliasAsync(string name, string alias, CancellationToken ct = default);
    Task<ModelVersion> GetModelVersionByAliasAsync(string name, string alias, CancellationToken ct = default);

    // lineage
    /// <summary>Every (not deleted) version registered from <paramref name="runId"/>, oldest first, with aliases.</summary>
    Task<IReadOnlyList<ModelVersion>> GetModelVersionsForRunAsync(string runId, CancellationToken ct = default);
}

/// <summary>Input of <see cref="IModelRegistryStore.CreateModelVersionAsync"/>.</summary>
public sealed record NewModelVersion(
    string Name,
    string Source,
    string? RunId = null,
    IReadOnlyList<Tag>? Tags = null,
    string? RunLink = null,
    string? Description = null);

/// <summary>registered-models/search: MLflow's defaults are 100 results, at most 1000.</summary>
public sealed record RegisteredModelSearch(
    string? Filter = null,
    int MaxResults = 100,
    IReadOnlyList<string>? OrderBy = null,
    string? PageToken = null);

/// <summary>model-versions/search: the store's default is 1000 results, at most 200,000 (the REST default is 200,000).</summary>
public sealed record ModelVersionSearch(
    string? Filter = null,
    int MaxResults = 1000,
    IReadOnlyList<string>? OrderBy = null,
    string? PageToken = null);

public static class ModelRegistryStoreExtensions
{
    /// <summary>The registry half of a store opened by <see cref="TrackingStoreFactory"/>.</summary>
    public static IModelRegistryStore Registry(this ITrackingStore store) =>
        store as IModelRegistryStore
        ?? throw new FathomException(ErrorCode.FEATURE_DISABLED, "This tracking store has no model registry.");
}
