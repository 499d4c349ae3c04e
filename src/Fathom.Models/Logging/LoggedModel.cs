using Fathom.Models.Packaging;

namespace Fathom.Models.Logging;

/// <summary>What <see cref="FathomRunModelExtensions"/> logged.</summary>
/// <param name="ModelUri">The model's <c>runs:/&lt;run_id&gt;/&lt;artifact_path&gt;</c> URI.</param>
/// <param name="Metadata">The MLmodel file uploaded with it.</param>
/// <param name="RegisteredVersion">The registry version created, when a registered model name was given.</param>
public sealed record LoggedModel(string ModelUri, MlModelFile Metadata, string? RegisteredVersion = null);
