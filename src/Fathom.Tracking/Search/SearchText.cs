using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>Quote handling and message formatting shared by the filter and order_by parsers (MLflow's helpers).</summary>
internal static class SearchText
{
    public static bool IsQuoted(string value, char quote) => value.Length >= 2 && value[0] == quote && value[^1] == quote;

    public static string TrimBackticks(string value) => IsQuoted(value, '`') ? value[1..^1] : value;

    /// <summary>MLflow's <c>_strip_quotes</c>: drops one pair of single or double quotes, keeps the inside as written.</summary>
    public static string StripQuotes(string value) =>
        IsQuoted(value, '\'') || IsQuoted(value, '"') ? value[1..^1] : value;

    /// <summary>A string value must be quoted; a bare word on the right of a comparator gets MLflow's message.</summary>
    public static string StripRequiredQuotes(string value)
    {
        if (IsQuoted(value, '\'') || IsQuoted(value, '"'))
        {
            return value[1..^1];
        }

        throw FathomException.InvalidParameter(
            $"Parameter value is either not quoted or unidentified quote types used for string value {value}. "
            + "Use either single or double quotes.");
    }

    /// <summary>Formats names the way Python prints a set (<c>{'a', 'b'}</c>), sorted so messages are stable.</summary>
    public static string PythonSet(IEnumerable<string> names) =>
        "{" + string.Join(", ", names.Order(StringComparer.Ordinal).Select(n => $"'{n}'")) + "}";

    /// <summary>Formats names the way Python prints a list or tuple, in the given order.</summary>
    public static string PythonSequence(IEnumerable<string> names, char open = '[', char close = ']') =>
        open + string.Join(", ", names.Select(n => $"'{n}'")) + close;
}
