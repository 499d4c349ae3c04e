using System.Text;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// Splits one order_by entry into its identifier and direction, as MLflow's <c>_parse_order_by_string</c> does:
/// one identifier, optionally followed by ASC or DESC (any case). Quotes and backticks around parts of the
/// identifier are removed the way <c>shlex</c> removes them, so <c>metrics.`my metric` DESC</c> names "my metric".
/// </summary>
internal static class OrderByText
{
    public static (string Identifier, bool Ascending) Parse(string orderBy)
    {
        var tokens = SearchTokenizer.Tokenize(orderBy, "order_by clause");
        if (tokens.Count is 0 or > 2 || tokens[0].Kind != SearchTokenKind.Identifier || IsDirection(tokens[0].Raw))
        {
            throw CouldNotBeParsed(orderBy);
        }

        var ascending = true;
        if (tokens.Count == 2)
        {
            if (tokens[1].Kind != SearchTokenKind.Identifier)
            {
                throw CouldNotBeParsed(orderBy);
            }

            if (!IsDirection(tokens[1].Raw))
            {
                throw FathomException.InvalidParameter($"Invalid ordering key in order_by clause '{orderBy}'.");
            }

            ascending = tokens[1].Raw.Equals("asc", StringComparison.OrdinalIgnoreCase);
        }

        return (Unquote(tokens[0].Raw), ascending);
    }

    /// <summary>sqlparse reads ASC and DESC as keywords, never as an identifier.</summary>
    private static bool IsDirection(string word) =>
        word.Equals("asc", StringComparison.OrdinalIgnoreCase) || word.Equals("desc", StringComparison.OrdinalIgnoreCase);

    private static FathomException CouldNotBeParsed(string orderBy) =>
        FathomException.InvalidParameter($"Invalid order_by clause '{orderBy}'. Could not be parsed.");

    private static string Unquote(string identifier)
    {
        var builder = new StringBuilder(identifier.Length);
        char? quote = null;
        foreach (var c in identifier)
        {
            if (quote is null && c is '"' or '`')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = null;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
