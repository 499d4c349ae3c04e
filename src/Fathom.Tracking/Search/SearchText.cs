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

    private static readonly string[] AttributeOrTagPrefixes = ["attribute", "tag", "tags"];

    /// <summary>
    /// Splits an experiment or registry identifier (<c>name</c>, <c>attribute.name</c>, <c>tags.k</c>) into its entity
    /// and its key as written (quotes kept: the experiment and registry searches strip them at different points).
    /// </summary>
    public static (SearchEntity Entity, string RawKey) SplitAttributeOrTag(string identifier)
    {
        var dot = identifier.IndexOf('.');
        if (dot < 0)
        {
            return (SearchEntity.Attribute, identifier);
        }

        var prefix = identifier[..dot];
        if (!AttributeOrTagPrefixes.Contains(prefix))
        {
            throw FathomException.InvalidParameter(
                $"Invalid entity type '{prefix}'. Valid entity types are {PythonSequence(AttributeOrTagPrefixes, '(', ')')}");
        }

        return (prefix == "attribute" ? SearchEntity.Attribute : SearchEntity.Tag, identifier[(dot + 1)..]);
    }

    /// <summary>MLflow's message for an attribute a search does not know.</summary>
    public static FathomException InvalidAttribute(string key, IReadOnlySet<string> validAttributes) =>
        FathomException.InvalidParameter($"Invalid attribute key '{key}' specified. Valid keys are '{PythonSet(validAttributes)}'");
}
