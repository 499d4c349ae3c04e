namespace Fathom.Server.Governance;

/// <summary>
/// With <c>--auth</c>, every request except the health and version probes must carry valid credentials; otherwise it is
/// answered UNAUTHENTICATED (401, with MLflow's <c>WWW-Authenticate: Basic realm="mlflow"</c>) before routing to any handler.
/// </summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next, Authenticator authenticator)
{
    private static readonly PathString[] OpenPaths = ["/health", "/version"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!OpenPaths.Contains(context.Request.Path))
        {
            context.SetCaller(await authenticator.AuthenticateAsync(context.Request.Headers.Authorization, context.RequestAborted));
        }

        await next(context);
    }
}
