namespace Fathom.Serving.Models;

/// <summary>
/// Where the served model comes from, chosen by URI in <see cref="ModelSources"/>: a local folder, or the registry /
/// a run through the tracking server.
/// </summary>
internal interface IModelSource
{
    /// <summary>The URI as the user gave it.</summary>
    string Uri { get; }

    /// <summary>True when the URI can point to another version later (<c>models:/name@alias</c>): the server polls it.</summary>
    bool CanMove { get; }

    /// <summary>The version the URI points to now, without downloading anything.</summary>
    Task<string> CurrentVersionAsync(CancellationToken ct);

    /// <summary>Makes the package available locally (downloading if needed) and says what it is.</summary>
    Task<ResolvedModel> ResolveAsync(CancellationToken ct);
}
