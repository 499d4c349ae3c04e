namespace Fathom.Serving.Models;

/// <summary>
/// Where a model URI points right now: a local folder holding the package, and the registry identity it stands for
/// (for a plain folder: the folder's name and version "local").
/// </summary>
/// <param name="Folder">The package folder (downloaded when the URI is remote).</param>
/// <param name="Name">The registered model name, or the folder's name.</param>
/// <param name="Version">The registry version, the run id for <c>runs:/</c>, or "local".</param>
/// <param name="Alias">The alias served, when the URI is <c>models:/name@alias</c>.</param>
public sealed record ResolvedModel(string Folder, string Name, string Version, string? Alias);
