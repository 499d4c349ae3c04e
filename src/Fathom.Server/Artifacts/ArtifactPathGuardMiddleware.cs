namespace Fathom.Server.Artifacts;

/// <summary>
/// Refuses a request addressed to the artifact service whose raw path is unsafe, before routing. Kestrel decodes
/// <c>%2e%2e</c> and folds dot segments first, so <c>artifacts/a/%2e%2e/%2e%2e/x</c> would otherwise be routed somewhere
/// else entirely and answered 404; the client deserves the 400 that says its path was refused.
/// </summary>
internal sealed class ArtifactPathGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArtifactRequestPath.ValidateRawTarget(context);
        return next(context);
    }
}
