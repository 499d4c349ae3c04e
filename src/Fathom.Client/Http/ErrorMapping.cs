using System.Net;
using System.Text.Json;
using Fathom.Core.Errors;

namespace Fathom.Client.Http;

/// <summary>Turns an error response into the typed exception for its MLflow error code.</summary>
internal static class ErrorMapping
{
    public static async Task<FathomException> FromResponseAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        var (code, message) = ParseMlflowError(body) ?? (CodeForStatus(response.StatusCode), Describe(response, body));
        return Create(code, message);
    }

    public static FathomException Create(ErrorCode code, string message) => code switch
    {
        ErrorCode.RESOURCE_DOES_NOT_EXIST or ErrorCode.NOT_FOUND => new FathomResourceNotFoundException(code, message),
        ErrorCode.RESOURCE_ALREADY_EXISTS or ErrorCode.ALREADY_EXISTS => new FathomResourceAlreadyExistsException(code, message),
        ErrorCode.INVALID_PARAMETER_VALUE or ErrorCode.BAD_REQUEST or ErrorCode.MALFORMED_REQUEST
            => new FathomInvalidParameterException(code, message),
        ErrorCode.UNAUTHENTICATED or ErrorCode.PERMISSION_DENIED or ErrorCode.CUSTOMER_UNAUTHORIZED
            => new FathomAuthenticationException(code, message),
        _ => new FathomException(code, message),
    };

    private static (ErrorCode, string)? ParseMlflowError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error_code", out var codeElement)
                && Enum.TryParse<ErrorCode>(codeElement.GetString(), out var code))
            {
                var message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not MLflow's error body (a proxy's HTML page, say): fall back to the status code.
        }
        return null;
    }

    private static ErrorCode CodeForStatus(HttpStatusCode status) => (int)status switch
    {
        400 => ErrorCode.BAD_REQUEST,
        401 => ErrorCode.UNAUTHENTICATED,
        403 => ErrorCode.PERMISSION_DENIED,
        404 => ErrorCode.ENDPOINT_NOT_FOUND,
        409 => ErrorCode.RESOURCE_CONFLICT,
        429 => ErrorCode.REQUEST_LIMIT_EXCEEDED,
        501 => ErrorCode.FEATURE_DISABLED,
        503 => ErrorCode.TEMPORARILY_UNAVAILABLE,
        _ => ErrorCode.INTERNAL_ERROR,
    };

    private static string Describe(HttpResponseMessage response, string body)
    {
        var snippet = body.Length > 300 ? body[..300] + "..." : body;
        var uri = response.RequestMessage?.RequestUri;
        return $"{(int)response.StatusCode} {response.ReasonPhrase} from {uri}" + (snippet.Length > 0 ? $": {snippet}" : "");
    }
}
