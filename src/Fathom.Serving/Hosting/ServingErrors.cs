using System.Text.Json;
using Fathom.Core.Errors;

namespace Fathom.Serving.Hosting;

/// <summary>
/// Writes error responses: MLflow's <c>{"error_code", "message"}</c> on MLflow's endpoints, the Open Inference
/// Protocol's <c>{"error"}</c> under <c>/v2</c>. The status always comes from <see cref="ErrorCodeHttpStatus"/>, except
/// for what HTTP itself decided (413 for a body over the limit).
/// </summary>
internal static class ServingErrors
{
    public static async Task WriteAsync(HttpContext context, ErrorCode code, string message, int? status = null)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = status ?? ErrorCodeHttpStatus.Of(code);
        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        if (context.Request.Path.StartsWithSegments("/v2"))
        {
            writer.WriteString("error"u8, message);
        }
        else
        {
            writer.WriteString("error_code"u8, code.ToString());
            writer.WriteString("message"u8, message);
        }
        writer.WriteEndObject();
        await writer.FlushAsync();
    }

    /// <summary>Maps what went wrong to a code and status: FathomException as is, oversized bodies 413, anything else 500.</summary>
    public static (ErrorCode Code, string Message, int Status) Classify(Exception exception) => exception switch
    {
        FathomException e => (e.Code, e.Message, e.HttpStatus),
        BadHttpRequestException e => (ErrorCode.BAD_REQUEST, e.Message, e.StatusCode),
        _ => (ErrorCode.INTERNAL_ERROR, "Internal server error.", 500),
    };
}
