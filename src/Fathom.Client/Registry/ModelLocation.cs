namespace Fathom.Client;

/// <summary>Where a model URI's files are, and which registered version (if any) and run they came from.</summary>
/// <param name="ArtifactUri">The artifact location, e.g. <c>mlflow-artifacts:/1/&lt;run&gt;/artifacts/model</c>.</param>
/// <param name="Name">The registered model, null for a <c>runs:/</c> URI.</param>
/// <param name="Version">The resolved version number, null for a <c>runs:/</c> URI.</param>
/// <param name="RunId">The run that produced the files, when known.</param>
public sealed record ModelLocation(string ArtifactUri, string? Name, string? Version, string? RunId);
