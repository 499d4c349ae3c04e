namespace Fathom.Tracking.Search;

internal enum SearchTokenKind
{
    /// <summary>A name chain such as <c>metrics.acc</c>, <c>tags.`my tag`</c> or a lone <c>"double quoted"</c> word.</summary>
    Identifier,

    /// <summary>A single-quoted string literal.</summary>
    String,
    Number,

    /// <summary><c>= != &lt;&gt; == &lt; &lt;= &gt; &gt;=</c>.</summary>
    Comparator,

    /// <summary>AND, OR, NOT, IN, LIKE, ILIKE (any case).</summary>
    Keyword,

    /// <summary>A balanced parenthesised group, kept whole (a value list after IN, anything else is invalid).</summary>
    Parenthesis,
    Semicolon,

    /// <summary>Any other character: always an invalid clause.</summary>
    Other,
}

/// <summary>
/// One lexeme of a filter or order_by string. <see cref="Raw"/> is the text as written (used in error messages);
/// <see cref="Position"/> is its offset in the input.
/// </summary>
internal sealed record SearchToken(SearchTokenKind Kind, string Raw, int Position)
{
    /// <summary>True for an identifier that is one double-quoted word: a value on the right of a comparator.</summary>
    public bool IsDoubleQuoted => Kind == SearchTokenKind.Identifier && Raw.Length >= 2 && Raw[0] == '"' && Raw[^1] == '"'
        && SearchTokenizer.IsSingleQuotedSegment(Raw);

    public bool IsKeyword(string word) => Kind == SearchTokenKind.Keyword && Raw.Equals(word, StringComparison.OrdinalIgnoreCase);
}
