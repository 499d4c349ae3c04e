using Fathom.Core.Errors;

namespace Fathom.Client.Artifacts;

/// <summary>
/// Where a run's artifacts live inside the server's proxied artifact service. MLflow's proxied mode (Fathom's
/// default, and `mlflow server` with --serve-artifacts) gives runs an artifact URI <c>mlflow-artifacts:/1/abc/artifacts</c>
/// (or <c>mlflow-artifacts://host/1/abc/artifacts</c>); the part after the scheme is the path under
/// <c>/api/2.0/mlflow-artifacts/artifacts/</c>.
/// </summary>
internal static class ArtifactRoot
{
    private const string Scheme = "mlflow-artifacts:";

    public static string Parse(string? artifactUri, string runId) =>
        TryParse(artifactUri) ?? throw new FathomException(ErrorCode.INVALID_STATE,
            $"Run '{runId}' stores artifacts at '{artifactUri}', which the tracking server does not proxy. "
            + "The client uploads only through the server's artifact service: start the server with artifact serving "
            + "(Fathom does by default; for MLflow use `mlflow server --serve-artifacts`).");

    /// <summary>The path under the artifact service of a <c>mlflow-artifacts:</c> URI; null for any other URI.</summary>
    public static string? TryParse(string? artifactUri)
    {
        if (artifactUri is null || !artifactUri.StartsWith(Scheme, StringComparison.Ordinal))
            return null;
        var rest = artifactUri[Scheme.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            // mlflow-artifacts://host:port/path: the host part is the server we already talk to.
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? "" : rest[slash..];
        }
        return rest.Trim('/');
    }

    /// <summary>Joins artifact path parts with '/', dropping empty ones.</summary>
    public static string Join(params string?[] parts) =>
        string.Join('/', parts.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!.Trim('/')).Where(p => p.Length > 0));

    /// <summary>Escapes each segment so names with spaces or '#' survive, while '/' keeps separating directories.</summary>
    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
