using Fathom.Core.Errors;

namespace Fathom.Serving.Models;

/// <summary>A model package folder on disk (or a <c>file://</c> URI): served as it is, named after the folder.</summary>
internal sealed class LocalFolderSource(string uri) : IModelSource
{
    private readonly string _folder = Path.GetFullPath(uri.StartsWith("file://", StringComparison.Ordinal) ? new Uri(uri).LocalPath : uri);

    public string Uri { get; } = uri;

    public bool CanMove => false;

    public Task<string> CurrentVersionAsync(CancellationToken ct) => Task.FromResult("local");

    public Task<ResolvedModel> ResolveAsync(CancellationToken ct)
    {
        if (!Directory.Exists(_folder)) throw FathomException.NotFound($"Model folder '{_folder}' does not exist.");
        var name = new DirectoryInfo(_folder).Name;
        return Task.FromResult(new ResolvedModel(_folder, name, "local", null));
    }
}
