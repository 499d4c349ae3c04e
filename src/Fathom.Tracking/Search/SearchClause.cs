namespace Fathom.Tracking.Search;

/// <summary>What a filter or order_by key refers to (MLflow's identifier types).</summary>
internal enum SearchEntity
{
    Metric,
    Param,
    Tag,
    Attribute,
    Dataset,
}

/// <summary>A literal on the right of a comparator: a string, a number (kept as written), or a list of strings.</summary>
internal sealed record SearchValue(string? Text, double? Number, string? NumberLiteral, IReadOnlyList<string>? List)
{
    public static SearchValue OfText(string text) => new(text, null, null, null);

    public static SearchValue OfNumber(double number, string literal) => new(null, number, literal, null);

    public static SearchValue OfList(IReadOnlyList<string> list) => new(null, null, null, list);

    /// <summary>
    /// The number as a database value: a whole number that fits stays an integer (timestamps compare exactly),
    /// anything else is a double.
    /// </summary>
    public object NumberForColumn =>
        long.TryParse(NumberLiteral, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var whole)
            ? (object)whole
            : Number!.Value;
}

/// <summary>One validated comparison of a filter: <c>metrics.acc &gt; 0.5</c>. Comparators are upper case.</summary>
internal sealed record SearchClause(SearchEntity Entity, string Key, string Comparator, SearchValue Value);

/// <summary>One validated order_by clause.</summary>
internal sealed record OrderByClause(SearchEntity Entity, string Key, bool Ascending);
