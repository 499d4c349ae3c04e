using System.Text.Json;
using Fathom.Core.Errors;
using Fathom.Server.Wire;

namespace Fathom.Server.Observability;

/// <summary>
/// The one place that turns exceptions into responses: a <see cref="FathomException"/> becomes MLflow's error body
/// with the status from <see cref="ErrorCodeHttpStatus"/>; a malformed HTTP request (Kestrel) is a BAD_REQUEST;
/// anything else is logged and answered with a bare INTERNAL_ERROR that reveals nothing of the server.
/// </summary>
internal sealed partial class MlflowErrorMiddleware(RequestDelegate next, ILogger<MlflowErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (FathomException e)
        {
            await WriteErrorAsync(context, e.Code, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(context, ErrorCode.BAD_REQUEST, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e)
        {
            LogUnhandled(logger, e, context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, ErrorCode.INTERNAL_ERROR, "Internal server error.");
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, ErrorCode code, string message)
    {
        if (context.Response.HasStarted)
        {
            // Headers are gone: the only honest signal left is to cut the connection.
            context.Abort();
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = ErrorCodeHttpStatus.Of(code);
        if (code == ErrorCode.UNAUTHENTICATED)
        {
            // MLflow's auth app answers with this challenge, which makes browsers and HTTP clients offer Basic auth.
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"mlflow\"";
        }

        context.Response.ContentType = "application/json";
        var body = new ErrorResponse { ErrorCode = code.ToString(), Message = message };
        await JsonSerializer.SerializeAsync(context.Response.Body, body, MlflowJsonContext.Wire.ErrorResponse);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
