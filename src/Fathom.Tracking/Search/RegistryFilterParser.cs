using System.Globalization;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// Parses a registered-models/search or model-versions/search filter with MLflow's rules and messages: comparisons
/// joined by AND over <c>name</c> (models), <c>name</c>, <c>version_number</c>, <c>run_id</c> (also IN a list) and
/// <c>source_path</c> (versions), and <c>tags.&lt;key&gt;</c>.
/// </summary>
internal static class RegistryFilterParser
{
    public static IReadOnlyList<SearchClause> Parse(string? filter, RegistrySearchKind kind)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return [];
        }

        var parsed = FilterStatement.Split(filter, quoteInvalidClauses: false).Select(c => ParseComparison(c, kind)).ToList();
        return parsed.ConvertAll(c => Check(c, kind));
    }

    private static SearchClause ParseComparison(RawComparison comparison, RegistrySearchKind kind)
    {
        if (comparison.Left.Kind != SearchTokenKind.Identifier)
        {
            throw FathomException.InvalidParameter(
                $"Invalid comparison clause. Expected 'Identifier' found '{comparison.Left.Raw}'");
        }

        var (entity, key) = RegistrySearchGrammar.ResolveIdentifier(comparison.Left.Raw, RegistrySearchGrammar.AttributesOf(kind));
        return new SearchClause(entity, key, comparison.Comparator, ParseValue(entity, key, comparison.Right, kind));
    }

    private static SearchValue ParseValue(SearchEntity entity, string key, SearchToken token, RegistrySearchKind kind)
    {
        var isText = token.Kind is SearchTokenKind.String or SearchTokenKind.Identifier;
        if (isText)
        {
            return SearchValue.OfText(SearchText.StripRequiredQuotes(token.Raw));
        }

        if (entity == SearchEntity.Tag)
        {
            throw FathomException.InvalidParameter($"Expected a quoted string value for tag (e.g. 'my-value'). Got value {token.Raw}");
        }

        if (token.Kind == SearchTokenKind.Parenthesis)
        {
            return key == "run_id"
                ? SearchValue.OfList(ListLiteral.Parse(token))
                : throw FathomException.InvalidParameter(
                    "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
        }

        if (token.Kind == SearchTokenKind.Number && kind == RegistrySearchKind.ModelVersions)
        {
            return RegistrySearchGrammar.NumericAttributes.Contains(key)
                ? RunFilterParser.Number(token)
                : throw FathomException.InvalidParameter(
                    $"Only the '{SearchText.PythonSet(RegistrySearchGrammar.NumericAttributes)}' attributes support comparison with numeric values.");
        }

        throw FathomException.InvalidParameter(
            $"Expected a quoted string value or a list of quoted string values for attributes. Got value {token.Raw}");
    }

    /// <summary>The SQL store's comparator checks, run after the whole filter parsed.</summary>
    private static SearchClause Check(SearchClause clause, RegistrySearchKind kind)
    {
        if (clause.Entity == SearchEntity.Tag)
        {
            return RegistrySearchGrammar.TagComparators.Contains(clause.Comparator)
                ? clause
                : throw FathomException.InvalidParameter($"Invalid comparator for tag: {clause.Comparator}");
        }

        if (RegistrySearchGrammar.NumericAttributes.Contains(clause.Key))
        {
            if (!RegistrySearchGrammar.NumericComparators.Contains(clause.Comparator))
            {
                throw FathomException.InvalidParameter($"Invalid comparator for attribute {clause.Key}: {clause.Comparator}");
            }

            return clause.Value.Text is { } text ? clause with { Value = NumberFromText(clause.Key, text) } : clause;
        }

        var allowed = kind == RegistrySearchKind.RegisteredModels ? RegistrySearchGrammar.TagComparators : RegistrySearchGrammar.VersionStringComparators;
        if (!allowed.Contains(clause.Comparator) || (clause.Comparator == "IN" && clause.Key != "run_id"))
        {
            throw FathomException.InvalidParameter($"Invalid comparator for attribute: {clause.Comparator}");
        }

        RunFilterParser.RequireListOnlyWithIn(clause);
        return clause.Value.List is null && clause.Comparator == "IN"
            ? throw FathomException.InvalidParameter("The IN comparator needs a list of quoted string values, e.g. run_id IN ('a', 'b').")
            : clause;
    }

    /// <summary>
    /// <c>version_number = '3'</c>: MLflow hands the string to the database, which compares it as a number; here it is
    /// read as one up front so that PostgreSQL never sees an integer compared with text.
    /// </summary>
    private static SearchValue NumberFromText(string key, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? SearchValue.OfNumber(number, text.Trim())
            : throw FathomException.InvalidParameter($"Expected a numeric value for attribute {key}. Got value '{text}'");
}
