using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// Parses an experiments/search filter: <c>name</c> (= != LIKE ILIKE), <c>creation_time</c> and
/// <c>last_update_time</c> (numeric comparators), and <c>tags.&lt;key&gt;</c> (= != LIKE ILIKE), joined by AND.
/// </summary>
internal static class ExperimentFilterParser
{
    public static IReadOnlyList<SearchClause> Parse(string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return [];
        }

        var parsed = FilterStatement.Split(filter, quoteInvalidClauses: false).Select(ParseComparison).ToList();
        parsed.ForEach(CheckComparator);
        return parsed;
    }

    private static SearchClause ParseComparison(RawComparison comparison)
    {
        if (comparison.Left.Kind != SearchTokenKind.Identifier)
        {
            throw FathomException.InvalidParameter(
                $"Invalid comparison clause. Expected 'Identifier' found '{comparison.Left.Raw}'");
        }

        var (entity, key) = ExperimentSearchGrammar.ResolveIdentifier(comparison.Left.Raw, ExperimentSearchGrammar.SearchableAttributes);
        return new SearchClause(entity, key, comparison.Comparator, ParseValue(entity, key, comparison.Right));
    }

    private static SearchValue ParseValue(SearchEntity entity, string key, SearchToken token)
    {
        var isText = token.Kind is SearchTokenKind.String or SearchTokenKind.Identifier;
        if (entity == SearchEntity.Tag)
        {
            return isText
                ? SearchValue.OfText(SearchText.StripRequiredQuotes(token.Raw))
                : throw FathomException.InvalidParameter($"Expected a quoted string value for tag (e.g. 'my-value'). Got value {token.Raw}");
        }

        if (ExperimentSearchGrammar.NumericAttributes.Contains(key))
        {
            return token.Kind == SearchTokenKind.Number
                ? RunFilterParser.Number(token)
                : throw FathomException.InvalidParameter($"Expected numeric value type for numeric attribute: {key}. Found {token.Raw}");
        }

        if (isText)
        {
            return SearchValue.OfText(SearchText.StripRequiredQuotes(token.Raw));
        }

        throw FathomException.InvalidParameter(token.Kind == SearchTokenKind.Parenthesis
            ? "Only the 'run_id' attribute supports comparison with a list of quoted string values."
            : $"Expected a quoted string value for attributes. Got value {token.Raw}");
    }

    private static void CheckComparator(SearchClause clause)
    {
        if (clause.Entity == SearchEntity.Tag)
        {
            if (!ExperimentSearchGrammar.StringComparators.Contains(clause.Comparator))
            {
                throw FathomException.InvalidParameter($"Invalid comparator for tag: {clause.Comparator}");
            }

            return;
        }

        var allowed = ExperimentSearchGrammar.NumericAttributes.Contains(clause.Key)
            ? ExperimentSearchGrammar.NumericComparators
            : ExperimentSearchGrammar.StringComparators;
        if (!allowed.Contains(clause.Comparator))
        {
            throw FathomException.InvalidParameter(
                $"Invalid comparator '{clause.Comparator}' not one of '{SearchText.PythonSet(allowed)}'");
        }
    }
}
