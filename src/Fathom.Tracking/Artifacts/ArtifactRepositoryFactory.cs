using Fathom.Core.Errors;

namespace Fathom.Tracking.Artifacts;

/// <summary>
/// The one place an artifact URI becomes a repository: <c>s3://bucket/prefix</c> for any S3-compatible store, and a
/// local path or <c>file://</c> URI for a folder (the default, <see cref="DefaultDestination"/>).
/// </summary>
public static class ArtifactRepositoryFactory
{
    public const string DefaultDestination = "./fathom-data/artifacts";

    /// <summary>Makes the repository for <paramref name="uri"/>, reading S3 settings from the process environment.</summary>
    public static IArtifactRepository Create(string? uri) => Create(uri, Environment.GetEnvironmentVariable);

    /// <summary>Makes the repository for <paramref name="uri"/>, reading S3 settings through <paramref name="environment"/>.</summary>
    public static IArtifactRepository Create(string? uri, Func<string, string?> environment)
    {
        var location = string.IsNullOrWhiteSpace(uri) ? DefaultDestination : uri.Trim();
        var schemeEnd = location.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? location[..schemeEnd].ToLowerInvariant() : "";
        return scheme switch
        {
            "" => Local(location),
            "file" => Local(FilePath(location)),
            "s3" => S3(location, S3Settings.FromEnvironment(environment)),
            _ => throw FathomException.InvalidParameter(
                $"Unsupported artifact URI '{location}': use a local path, file:///path or s3://bucket/prefix."),
        };
    }

    private static LocalArtifactRepository Local(string path)
    {
        var full = Path.GetFullPath(path);
        return new LocalArtifactRepository(full, full);
    }

    private static string FilePath(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile || !string.IsNullOrEmpty(parsed.Host) && parsed.Host != "localhost")
            throw FathomException.InvalidParameter($"Invalid artifact URI '{uri}': expected file:///absolute/path.");
        return parsed.LocalPath;
    }

    private static S3ArtifactRepository S3(string uri, S3Settings settings)
    {
        var rest = uri["s3://".Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (bucket.Length == 0) throw FathomException.InvalidParameter($"Invalid artifact URI '{uri}': it names no bucket.");
        return new S3ArtifactRepository(settings.CreateClient(), bucket, prefix);
    }
}
