using System.Globalization;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// Parses a runs/search filter into validated clauses with MLflow's rules and messages: first every comparison's
/// identifier and value (<c>SearchUtils.parse_search_filter</c>), then every comparator against its key's kind
/// (<c>_get_sqlalchemy_filter_clauses</c>).
/// </summary>
internal static class RunFilterParser
{
    public static IReadOnlyList<SearchClause> Parse(string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return [];
        }

        var parsed = FilterStatement.Split(filter, quoteInvalidClauses: true).Select(ParseComparison).ToList();
        return parsed.Select(CheckComparator).ToList();
    }

    private static SearchClause ParseComparison(RawComparison comparison)
    {
        if (comparison.Left.Kind != SearchTokenKind.Identifier)
        {
            throw FathomException.InvalidParameter(
                $"Invalid comparison clause. Expected 'Identifier' found '{comparison.Left.Raw}'");
        }

        var (entity, key) = RunSearchGrammar.ResolveIdentifier(comparison.Left.Raw, RunSearchGrammar.SearchableAttributes);
        var value = ParseValue(entity, key, comparison.Right);
        return new SearchClause(entity, key, comparison.Comparator, value);
    }

    private static SearchValue ParseValue(SearchEntity entity, string key, SearchToken token)
    {
        var isText = token.Kind is SearchTokenKind.String or SearchTokenKind.Identifier;
        switch (entity)
        {
            case SearchEntity.Metric:
                return token.Kind == SearchTokenKind.Number
                    ? Number(token)
                    : throw FathomException.InvalidParameter($"Expected numeric value type for metric. Found {token.Raw}");
            case SearchEntity.Param or SearchEntity.Tag:
                return isText
                    ? SearchValue.OfText(SearchText.StripRequiredQuotes(token.Raw))
                    : throw FathomException.InvalidParameter(
                        $"Expected a quoted string value for {RunSearchGrammar.NameOf(entity)} (e.g. 'my-value'). Got value {token.Raw}");
            case SearchEntity.Attribute when RunSearchGrammar.NumericAttributes.Contains(key):
                return token.Kind == SearchTokenKind.Number
                    ? Number(token)
                    : throw FathomException.InvalidParameter(
                        $"Expected numeric value type for numeric attribute: {key}. Found {token.Raw}");
            case SearchEntity.Attribute:
                if (isText)
                {
                    return SearchValue.OfText(SearchText.StripRequiredQuotes(token.Raw));
                }

                if (token.Kind != SearchTokenKind.Parenthesis)
                {
                    throw FathomException.InvalidParameter($"Expected a quoted string value for attributes. Got value {token.Raw}");
                }

                return key == "run_id"
                    ? SearchValue.OfList(ListLiteral.Parse(token))
                    : throw FathomException.InvalidParameter(
                        "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
            default:
                if (isText)
                {
                    return SearchValue.OfText(SearchText.StripRequiredQuotes(token.Raw));
                }

                return token.Kind == SearchTokenKind.Parenthesis
                    ? SearchValue.OfList(ListLiteral.Parse(token))
                    : throw FathomException.InvalidParameter(
                        $"Expected a quoted string value for dataset attributes. Got value {token.Raw}");
        }
    }

    internal static SearchValue Number(SearchToken token) =>
        SearchValue.OfNumber(double.Parse(token.Raw, NumberStyles.Float, CultureInfo.InvariantCulture), token.Raw);

    private static SearchClause CheckComparator(SearchClause clause)
    {
        var key = clause.Entity == SearchEntity.Attribute ? RunSearchGrammar.TranslateAlias(clause.Key) : clause.Key;
        var allowed = clause.Entity switch
        {
            SearchEntity.Attribute when RunSearchGrammar.NumericAttributes.Contains(key) => RunSearchGrammar.NumericAttributeComparators,
            SearchEntity.Attribute => RunSearchGrammar.StringAttributeComparators,
            SearchEntity.Metric => RunSearchGrammar.MetricComparators,
            SearchEntity.Param => RunSearchGrammar.ParamComparators,
            SearchEntity.Tag => RunSearchGrammar.TagComparators,
            _ => RunSearchGrammar.DatasetComparators,
        };
        if (!allowed.Contains(clause.Comparator))
        {
            throw FathomException.InvalidParameter(
                $"Invalid comparator '{clause.Comparator}' not one of '{SearchText.PythonSet(allowed)}'");
        }

        RequireListOnlyWithIn(clause);
        return clause with { Key = key };
    }

    /// <summary>MLflow would hand a list to "=" and fail inside the database; here it is a clear client error.</summary>
    internal static void RequireListOnlyWithIn(SearchClause clause)
    {
        var isIn = clause.Comparator is "IN" or "NOT IN";
        if (clause.Value.List is not null && !isIn)
        {
            throw FathomException.InvalidParameter(
                $"Invalid comparator '{clause.Comparator}' for a list of values: only IN and NOT IN compare with a list.");
        }
    }
}
