namespace Fathom.Tracking.Artifacts;

/// <summary>
/// Run artifact URIs that the server's proxied artifact service answers for, and where they land in the artifacts
/// destination. Like MLflow's <c>_get_proxied_run_artifact_destination_path</c>: <c>mlflow-artifacts:/1/abc/artifacts</c>
/// (or <c>mlflow-artifacts://host:port/1/abc/artifacts</c>) is <c>1/abc/artifacts</c>, and an http(s) URL of the
/// service itself is the part after <c>/api/2.0/mlflow-artifacts/artifacts/</c>.
/// </summary>
public static class ProxiedArtifactUri
{
    public const string Scheme = "mlflow-artifacts";
    private const string HttpRouteAnchor = "/api/2.0/mlflow-artifacts/artifacts/";

    /// <summary>
    /// The normalized destination path of <paramref name="artifactUri"/>, or false when the URI is not proxied.
    /// Throws INVALID_PARAMETER_VALUE when the URI's path is unsafe (an experiment location is client input).
    /// </summary>
    public static bool TryGetDestinationPath(string? artifactUri, out string destinationPath)
    {
        destinationPath = "";
        if (string.IsNullOrEmpty(artifactUri)) return false;
        var colon = artifactUri.IndexOf(':');
        if (colon <= 0) return false;
        var scheme = artifactUri[..colon].ToLowerInvariant();
        var rest = artifactUri[(colon + 1)..];
        string path;
        if (scheme == Scheme)
        {
            path = StripAuthority(rest);
        }
        else if (scheme is "http" or "https")
        {
            var anchor = rest.IndexOf(HttpRouteAnchor, StringComparison.Ordinal);
            if (anchor < 0) return false;
            path = rest[(anchor + HttpRouteAnchor.Length)..];
        }
        else
        {
            return false;
        }
        destinationPath = ArtifactPath.Normalize(path.TrimStart('/'));
        return true;
    }

    // "//host:port/a/b" -> "/a/b"; "/a/b" -> "/a/b" (urlparse's path).
    private static string StripAuthority(string rest)
    {
        if (!rest.StartsWith("//", StringComparison.Ordinal)) return rest;
        var slash = rest.IndexOf('/', 2);
        return slash < 0 ? "" : rest[slash..];
    }
}
