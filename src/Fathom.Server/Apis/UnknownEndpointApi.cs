using Fathom.Core.Errors;

namespace Fathom.Server.Apis;

/// <summary>
/// Any request under an API prefix that matches no endpoint (unknown path or wrong method) gets MLflow's
/// <c>ENDPOINT_NOT_FOUND</c> body instead of an empty 404/405.
/// </summary>
public static class UnknownEndpointApi
{
    public static IEndpointRouteBuilder MapUnknownEndpointFallback(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapFallback($"{prefix}/{{**path}}", NotFound).ExcludeFromDescription();
        return app;
    }

    public static IResult NotFound(HttpContext context) =>
        throw new FathomException(ErrorCode.ENDPOINT_NOT_FOUND,
            $"No API endpoint found for '{context.Request.Method} {context.Request.Path}'.");
}
