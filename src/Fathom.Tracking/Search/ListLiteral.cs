using System.Text;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// Reads the value list of an IN / NOT IN comparison: <c>('a', 'b')</c>. Only single-quoted strings are allowed,
/// as in MLflow (<c>SearchUtils._parse_run_ids</c>); backslash escapes are read as Python reads them.
/// </summary>
internal static class ListLiteral
{
    private const string Prefix = "While parsing a list in the query,";

    public static IReadOnlyList<string> Parse(SearchToken parenthesis)
    {
        var tokens = SearchTokenizer.Tokenize(parenthesis.Raw[1..^1], "filter");
        if (tokens.Count == 0)
        {
            throw FathomException.InvalidParameter($"{Prefix} expected a non-empty list of string values, but got empty list");
        }

        if (tokens.Any(t => t.Kind != SearchTokenKind.String && t.Raw != ","))
        {
            throw FathomException.InvalidParameter(
                $"{Prefix} expected string value, punctuation, or whitespace, but got different type in list: {parenthesis.Raw}");
        }

        var values = new List<string>();
        var expectValue = true;
        foreach (var token in tokens)
        {
            var isValue = token.Kind == SearchTokenKind.String;
            if (isValue != expectValue)
            {
                throw FathomException.InvalidParameter($"{Prefix} expected a non-empty list of string values, but got ill-formed list.");
            }

            if (isValue)
            {
                values.Add(Unescape(token.Raw[1..^1]));
            }

            expectValue = !expectValue;
        }

        return values;
    }

    private static string Unescape(string inner)
    {
        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length && inner[i + 1] is '\\' or '\'' or '"')
            {
                i++;
            }

            builder.Append(inner[i]);
        }

        return builder.ToString();
    }
}
