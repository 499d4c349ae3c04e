using System.Text;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Search;

/// <summary>
/// Writes one comparison in the store's SQL dialect. MLflow's LIKE is case-sensitive (its SQLite sessions set
/// <c>PRAGMA case_sensitive_like</c>); a shared connection cannot rely on that pragma, so on SQLite LIKE becomes
/// GLOB with the pattern translated, and ILIKE is <c>LOWER(x) LIKE LOWER(y)</c> as SQLAlchemy writes it.
/// </summary>
internal static class SqlComparison
{
    public static string Render(string column, string comparator, object value, SqlDialect dialect, SqlParameters parameters)
    {
        if (value is IReadOnlyList<string> list)
        {
            var names = string.Join(", ", list.Select(v => parameters.Add(v)));
            return comparator == "IN" ? $"{column} IN ({names})" : $"{column} NOT IN ({names})";
        }

        return comparator switch
        {
            "LIKE" when dialect == SqlDialect.Sqlite => $"{column} GLOB {parameters.Add(LikeToGlob((string)value))}",
            "ILIKE" when dialect == SqlDialect.Sqlite => $"LOWER({column}) LIKE LOWER({parameters.Add(value)})",
            "LIKE" or "ILIKE" => $"{column} {comparator} {parameters.Add(value)}",
            "!=" => $"{column} <> {parameters.Add(value)}",
            _ => $"{column} {comparator} {parameters.Add(value)}",
        };
    }

    /// <summary>
    /// Turns a LIKE pattern into the equivalent GLOB pattern: % and _ become * and ?, and the characters GLOB
    /// treats specially (* ? [) are matched literally through one-character classes.
    /// </summary>
    public static string LikeToGlob(string pattern)
    {
        var glob = new StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            glob.Append(c switch
            {
                '%' => "*",
                '_' => "?",
                '*' => "[*]",
                '?' => "[?]",
                '[' => "[[]",
                _ => c.ToString(),
            });
        }

        return glob.ToString();
    }
}
