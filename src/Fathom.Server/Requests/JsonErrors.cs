using System.Text.Json;
using Fathom.Core.Errors;

namespace Fathom.Server.Requests;

/// <summary>Turns System.Text.Json's parse failures into MLflow's error codes without echoing internals.</summary>
internal static class JsonErrors
{
    public static FathomException From(JsonException e)
    {
        // A syntax error comes from the reader (wrapped as the inner exception); a well-formed value of the wrong
        // type is reported by a converter. MLflow answers the latter with INVALID_PARAMETER_VALUE.
        var parameter = ParameterName(e.Path);
        if (e.InnerException is JsonException || e.Path is null)
        {
            return new FathomException(ErrorCode.MALFORMED_REQUEST,
                $"Malformed JSON in the request body (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }

        return parameter is null
            ? new FathomException(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object.")
            : RequestErrors.Invalid(parameter, "the value has the wrong type");
    }

    private static string? ParameterName(string? path)
    {
        if (path is null || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
