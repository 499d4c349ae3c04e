using Fathom.Core.Errors;

namespace Fathom.Server.Requests;

/// <summary>The messages MLflow's request validation gives, so clients that match on them keep working.</summary>
internal static class RequestErrors
{
    private const string DocsHint = " See the API docs for more information about request parameters.";

    public static string Required(string? value, string parameter) =>
        string.IsNullOrEmpty(value) ? throw Missing(parameter) : value;

    public static T Required<T>(T? value, string parameter) where T : struct =>
        value ?? throw Missing(parameter);

    public static FathomException Missing(string parameter) =>
        FathomException.InvalidParameter($"Missing value for required parameter '{parameter}'.{DocsHint}");

    public static FathomException Invalid(string parameter, string detail) =>
        FathomException.InvalidParameter($"Invalid value for parameter '{parameter}' supplied: {detail}.{DocsHint}");
}
