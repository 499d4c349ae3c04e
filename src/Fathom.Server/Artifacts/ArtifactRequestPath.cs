using Fathom.Tracking.Artifacts;
using Microsoft.AspNetCore.Http.Features;

namespace Fathom.Server.Artifacts;

/// <summary>
/// The artifact path of a request, taken from the raw request target. Kestrel decodes the URL and folds '.' and
/// '..' segments before routing, which would quietly turn <c>a/%2e%2e/b</c> into <c>b</c>; the raw target is what the
/// client actually sent, so that is what <see cref="ArtifactPath"/> judges (and refuses).
/// </summary>
internal static class ArtifactRequestPath
{
    public const string ServiceRoute = "/mlflow-artifacts/artifacts";
    public const string MultipartRoute = "/mlflow-artifacts/mpu";

    // Where the artifact path starts in a raw target: after the service route, or after a multipart action.
    private static readonly string[] Markers =
        [ServiceRoute + "/", MultipartRoute + "/create/", MultipartRoute + "/complete/", MultipartRoute + "/abort/"];

    /// <summary>The normalized artifact path of a request routed to the service (throws INVALID_PARAMETER_VALUE).</summary>
    public static string Of(HttpContext context, string? routeValue) =>
        // Without the marker in the raw target (the client percent-encoded it), the route value is all there is.
        ArtifactPath.NormalizeNonRoot(RawArtifactPath(context) ?? routeValue);

    /// <summary>Throws INVALID_PARAMETER_VALUE when the raw target addresses the service with an unsafe path.</summary>
    public static void ValidateRawTarget(HttpContext context)
    {
        if (RawArtifactPath(context) is { } raw)
        {
            ArtifactPath.Normalize(raw);
        }
    }

    private static string? RawArtifactPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null)
        {
            return null;
        }

        var query = raw.IndexOf('?');
        var target = query < 0 ? raw : raw[..query];
        foreach (var marker in Markers)
        {
            var at = target.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                return target[(at + marker.Length)..];
            }
        }

        return null;
    }
}
