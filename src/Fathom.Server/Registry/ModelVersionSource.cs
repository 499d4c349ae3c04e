using System.Text.RegularExpressions;
using Fathom.Core.Errors;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Registry;

/// <summary>
/// MLflow's checks on a new model version's source (<c>handlers._validate_source</c>): a local path (no scheme, or
/// <c>file:</c>) is only accepted inside the artifact folder of the run named by run_id, and any other URI must name an
/// absolute path without <c>..</c> or other relative references (even percent-encoded), so a registered source can never
/// be used to read files elsewhere on the server.
/// </summary>
internal static partial class ModelVersionSource
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePrefix();

    public static async Task ValidateAsync(string source, string? runId, ITrackingStore tracking, CancellationToken ct)
    {
        if (IsLocal(source))
        {
            if (!string.IsNullOrEmpty(runId))
            {
                var run = await tracking.GetRunAsync(runId, ct);
                if (IsLocal(run.Info.ArtifactUri) && IsInside(LocalPath(source), LocalPath(run.Info.ArtifactUri)))
                {
                    return;
                }
            }

            throw FathomException.InvalidParameter(
                $"Invalid model version source: '{source}'. To use a local path as a model version source, the run_id request " +
                "parameter has to be specified and the local path has to be contained within the artifact directory of the run " +
                "specified by the run_id.");
        }

        RequireAbsolutePathWithoutRelativeReferences(source);
    }

    private static bool IsLocal(string uri)
    {
        var scheme = SchemePrefix().Match(uri);
        return !scheme.Success || scheme.Value.Equals("file:", StringComparison.OrdinalIgnoreCase);
    }

    private static string LocalPath(string uri) =>
        Path.GetFullPath(uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? new Uri(uri).LocalPath : uri);

    private static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static void RequireAbsolutePathWithoutRelativeReferences(string source)
    {
        var decoded = source;
        while (Uri.UnescapeDataString(decoded.Replace('+', ' ')) is var next && next != decoded)
        {
            decoded = next;
        }

        var path = Regex.Replace(PathOf(decoded).TrimEnd('/'), "/+", "/");
        var segments = path.Split('/');
        var resolvesElsewhere = !path.StartsWith('/') || segments.Any(s => s is "." or "..");
        if (path.Contains('\0') || decoded.Split('/').Contains("..") || resolvesElsewhere)
        {
            throw FathomException.InvalidParameter(
                $"Invalid model version source: '{decoded}'. If supplying a source as an http, https, local file path, ftp, " +
                "objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references present. " +
                "Please provide an absolute path.");
        }
    }

    /// <summary>The path part of a URI the way Python's urlparse finds it: after the scheme and any //authority.</summary>
    private static string PathOf(string uri)
    {
        var rest = uri[SchemePrefix().Match(uri).Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? "" : rest[slash..];
        }

        var end = rest.IndexOfAny(['?', '#']);
        return end < 0 ? rest : rest[..end];
    }
}
