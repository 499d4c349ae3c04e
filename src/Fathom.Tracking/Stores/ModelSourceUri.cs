using Fathom.Core.Errors;

namespace Fathom.Tracking.Stores;

/// <summary>
/// The <c>models:/name/version</c> form a model version's source may take (registering a copy of another version).
/// Only numbered versions resolve in the store, as in MLflow's SQL store; stages and aliases are for clients.
/// </summary>
internal static class ModelSourceUri
{
    private const string Scheme = "models:";

    public static bool IsModelsUri(string? source) => source is not null && source.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static (string Name, string Version) Parse(string source)
    {
        var path = source[Scheme.Length..].TrimStart('/');
        var slash = path.LastIndexOf('/');
        if (slash <= 0 || slash == path.Length - 1 || !path[(slash + 1)..].All(char.IsAsciiDigit))
        {
            throw FathomException.InvalidParameter(
                $"Not a valid models:/ URI with a version number: '{source}'. Use models:/<name>/<version>.");
        }

        return (path[..slash], path[(slash + 1)..]);
    }
}
