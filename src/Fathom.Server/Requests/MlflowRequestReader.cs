using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fathom.Core.Errors;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Requests;

/// <summary>
/// Reads a request message the way MLflow's <c>_get_request_message</c> does: a GET with a query string is read
/// from the query (repeated parameters for lists), anything else from a JSON body (an empty body is <c>{}</c>,
/// a double-encoded JSON string is decoded twice). Every client mistake becomes a <see cref="FathomException"/>.
/// </summary>
internal static class MlflowRequestReader
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public static async ValueTask<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class, IMlflowRequest
    {
        var request = HttpMethods.IsGet(context.Request.Method) && context.Request.QueryString.HasValue
            ? Deserialize(QueryStringJson.Build(context.Request.Query, typeInfo), typeInfo)
            : await ReadBodyAsync(context, typeInfo);
        request.Validate();
        return request;
    }

    private static async ValueTask<T> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
    {
        // As MLflow's _validate_content_type: only POST and PUT must declare JSON (PATCH and DELETE need not).
        if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
        {
            RequireJsonContentType(context.Request.ContentType);
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<FathomServerOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        var body = context.Request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > limit)
            {
                body.AdvanceTo(read.Buffer.End);
                throw TooLarge(limit);
            }

            if (read.IsCompleted)
            {
                try
                {
                    return read.Buffer.IsSingleSegment || read.Buffer.Length > Array.MaxLength
                        ? Deserialize(read.Buffer, typeInfo)
                        : DeserializeContiguous(read.Buffer, typeInfo);
                }
                finally
                {
                    body.AdvanceTo(read.Buffer.End);
                }
            }

            // Nothing consumed yet: ask for more data until the whole body is buffered (bounded by the limit).
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static T Deserialize<T>(ReadOnlySequence<byte> json, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            if (IsBlank(json))
            {
                // MLflow reads a request without a body as an empty message.
                return JsonSerializer.Deserialize(EmptyObject, typeInfo)!;
            }

            var reader = new Utf8JsonReader(json);
            reader.Read();
            var request = reader.TokenType == JsonTokenType.String
                // Older MLflow clients post their JSON double-encoded as a string.
                ? JsonSerializer.Deserialize(reader.GetString()!, typeInfo)
                : JsonSerializer.Deserialize(ref reader, typeInfo);

            // Anything but whitespace after the message is an error; the reader throws on it.
            reader.Read();
            return request ?? throw NotAnObject();
        }
        catch (JsonException e)
        {
            throw JsonErrors.From(e);
        }
    }

    /// <summary>
    /// A body Kestrel received in several segments (anything over a few KiB, e.g. every full log-batch) is copied into
    /// one pooled buffer first: Utf8JsonReader over a multi-segment sequence takes a slow path that was a fifth of a
    /// 1000-metric log-batch request's CPU.
    /// </summary>
    private static T DeserializeContiguous<T>(ReadOnlySequence<byte> json, JsonTypeInfo<T> typeInfo)
    {
        var length = (int)json.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            json.CopyTo(buffer);
            return Deserialize(new ReadOnlySequence<byte>(buffer, 0, length), typeInfo);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> json)
    {
        foreach (var segment in json)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static T Deserialize<T>(byte[] json, JsonTypeInfo<T> typeInfo) => Deserialize(new ReadOnlySequence<byte>(json), typeInfo);

    private static void RequireJsonContentType(string? contentType)
    {
        if (contentType is null)
        {
            throw FathomException.InvalidParameter("Bad Request. Content-Type header is missing.");
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        if (!mediaType.Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw FathomException.InvalidParameter("Bad Request. Content-Type must be one of ['application/json'].");
        }
    }

    private static FathomException NotAnObject() =>
        new(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object.");

    private static FathomException TooLarge(long limit) =>
        new(ErrorCode.BAD_REQUEST, $"The request body is larger than the limit of {limit} bytes.");
}
