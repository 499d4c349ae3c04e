using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>A comparison as written, before its identifier and value are checked.</summary>
internal sealed record RawComparison(SearchToken Left, string Comparator, SearchToken Right);

/// <summary>
/// Groups the tokens of a filter the way MLflow's sqlparse statement is read: comparisons joined by AND.
/// Everything that is neither a comparison nor AND (OR, stray words, parentheses, trailing operators) is an invalid
/// clause, reported all together as MLflow does.
/// </summary>
internal static class FilterStatement
{
    public static List<RawComparison> Split(string filter, bool quoteInvalidClauses)
    {
        var tokens = SearchTokenizer.Tokenize(filter, "filter");
        var comparisons = new List<RawComparison>();
        var invalid = new List<string>();
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.IsKeyword("AND"))
            {
                i++;
            }
            else if (token.Kind == SearchTokenKind.Semicolon && i + 1 < tokens.Count)
            {
                throw FathomException.InvalidParameter(
                    $"Search filter contained multiple expression '{filter}'. Provide AND-ed expression list.");
            }
            else if (TryComparison(tokens, i, out var comparison, out var used))
            {
                comparisons.Add(comparison);
                i += used;
            }
            else
            {
                invalid.Add(quoteInvalidClauses ? $"'{token.Raw}'" : token.Raw);
                i++;
            }
        }

        if (invalid.Count > 0)
        {
            throw FathomException.InvalidParameter($"Invalid clause(s) in filter string: {string.Join(", ", invalid)}");
        }

        return comparisons;
    }

    private static bool TryComparison(List<SearchToken> tokens, int i, out RawComparison comparison, out int used)
    {
        comparison = null!;
        used = 0;
        var left = tokens[i];
        var isIdentifier = left.Kind == SearchTokenKind.Identifier;
        if (isIdentifier && i + 2 < tokens.Count && tokens[i + 1].IsKeyword("IN") && tokens[i + 2].Kind == SearchTokenKind.Parenthesis)
        {
            (comparison, used) = (new RawComparison(left, "IN", tokens[i + 2]), 3);
            return true;
        }

        if (isIdentifier && i + 3 < tokens.Count && tokens[i + 1].IsKeyword("NOT") && tokens[i + 2].IsKeyword("IN")
            && tokens[i + 3].Kind == SearchTokenKind.Parenthesis)
        {
            (comparison, used) = (new RawComparison(left, "NOT IN", tokens[i + 3]), 4);
            return true;
        }

        if (i + 2 >= tokens.Count || !IsOperand(left) || !IsComparator(tokens[i + 1]) 
            || (!IsOperand(tokens[i + 2]) && tokens[i + 2].Kind != SearchTokenKind.Parenthesis))
        {
            return false;
        }

        (comparison, used) = (new RawComparison(left, tokens[i + 1].Raw.ToUpperInvariant(), tokens[i + 2]), 3);
        return true;
    }

    private static bool IsOperand(SearchToken token) =>
        token.Kind is SearchTokenKind.Identifier or SearchTokenKind.String or SearchTokenKind.Number;

    private static bool IsComparator(SearchToken token) =>
        token.Kind == SearchTokenKind.Comparator || token.IsKeyword("LIKE") || token.IsKeyword("ILIKE");
}
