namespace Fathom.Serving.Hosting;

/// <summary>The last line: whatever escapes an endpoint becomes an error body; unexpected exceptions are logged, never shown.</summary>
internal sealed partial class ServingErrorMiddleware(RequestDelegate next, ILogger<ServingErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is no one to answer.
            throw;
        }
        catch (Exception e)
        {
            var (code, message, status) = ServingErrors.Classify(e);
            if (status >= 500) LogUnhandled(logger, e, context.Request.Method, context.Request.Path);
            await ServingErrors.WriteAsync(context, code, message, status);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
