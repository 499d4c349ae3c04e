using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// Splits a filter or order_by string into the lexemes MLflow's sqlparse-based parser sees. Anything it cannot
/// close (a quote, a parenthesis) is a <see cref="FathomException"/>; every other odd character becomes an
/// <see cref="SearchTokenKind.Other"/> token so the parser can name it in its "Invalid clause(s)" message.
/// </summary>
internal static class SearchTokenizer
{
    public static List<SearchToken> Tokenize(string text, string subject)
    {
        var tokens = new List<SearchToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            SearchTokenKind kind;
            if (c == '\'')
            {
                i = SkipQuoted(text, i, subject);
                kind = SearchTokenKind.String;
            }
            else if (StartsNumber(text, i) && NumberEnd(text, i) is var end && (end == text.Length || !IsNameChar(text[end])))
            {
                i = end;
                kind = SearchTokenKind.Number;
            }
            else if (IsNameChar(c) || c == '`' || c == '"')
            {
                i = SkipIdentifierChain(text, i, subject);
                kind = IsKeyword(text[start..i]) ? SearchTokenKind.Keyword : SearchTokenKind.Identifier;
            }
            else if (c == '(')
            {
                i = SkipParenthesis(text, i, subject);
                kind = SearchTokenKind.Parenthesis;
            }
            else if (ComparatorLength(text, i) is > 0 and var length)
            {
                i += length;
                kind = SearchTokenKind.Comparator;
            }
            else
            {
                i++;
                kind = c == ';' ? SearchTokenKind.Semicolon : SearchTokenKind.Other;
            }

            tokens.Add(new SearchToken(kind, text[start..i], start));
        }

        return tokens;
    }

    /// <summary>True when <paramref name="raw"/> is exactly one quoted segment (its first quote closes at the end).</summary>
    public static bool IsSingleQuotedSegment(string raw)
    {
        var quote = raw[0];
        var i = 1;
        while (i < raw.Length)
        {
            if (raw[i] == '\\' && quote != '`')
            {
                i += 2;
                continue;
            }

            if (raw[i] == quote)
            {
                if (i + 1 < raw.Length && raw[i + 1] == quote && quote != '`')
                {
                    i += 2;
                    continue;
                }

                return i == raw.Length - 1;
            }

            i++;
        }

        return false;
    }

    private static readonly string[] Keywords = ["AND", "OR", "NOT", "IN", "LIKE", "ILIKE"];

    private static bool IsKeyword(string word) => Keywords.Any(k => k.Equals(word, StringComparison.OrdinalIgnoreCase));

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool StartsNumber(string text, int i)
    {
        if (text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
        }

        return i < text.Length && char.IsAsciiDigit(text[i]);
    }

    private static int NumberEnd(string text, int i)
    {
        if (text[i] == '-')
        {
            i++;
        }

        i = SkipDigits(text, i);
        if (i < text.Length && text[i] == '.')
        {
            i = SkipDigits(text, i + 1);
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var exponent = i + 1;
            if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-'))
            {
                exponent++;
            }

            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                i = SkipDigits(text, exponent);
            }
        }

        return i;
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipIdentifierChain(string text, int i, string subject)
    {
        while (true)
        {
            if (text[i] == '`' || text[i] == '"')
            {
                i = SkipQuoted(text, i, subject);
            }
            else
            {
                while (i < text.Length && IsNameChar(text[i]))
                {
                    i++;
                }
            }

            var continues = i + 1 < text.Length && text[i] == '.'
                && (IsNameChar(text[i + 1]) || text[i + 1] == '`' || text[i + 1] == '"');
            if (!continues)
            {
                return i;
            }

            i++;
        }
    }

    /// <summary>Returns the index after the closing quote; quotes double or backslash-escape as sqlparse allows.</summary>
    private static int SkipQuoted(string text, int start, string subject)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\' && quote != '`')
            {
                i += 2;
                continue;
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote && quote != '`')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        throw FathomException.InvalidParameter(
            $"Error on parsing {subject} '{text}': the quote ({quote}) at position {start} is never closed.");
    }

    private static int SkipParenthesis(string text, int start, string subject)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'' || c == '"' || c == '`')
            {
                i = SkipQuoted(text, i, subject);
                continue;
            }

            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            i++;
            if (depth == 0)
            {
                return i;
            }
        }

        throw FathomException.InvalidParameter(
            $"Error on parsing {subject} '{text}': the parenthesis at position {start} is never closed.");
    }

    private static int ComparatorLength(string text, int i)
    {
        var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
        if (two is "<=" or ">=" or "!=" or "<>" or "==")
        {
            return 2;
        }

        return text[i] is '=' or '<' or '>' ? 1 : 0;
    }
}
