using Fathom.Core.Errors;
using Npgsql;

namespace Fathom.Tracking.Stores;

/// <summary>Parses backend store URIs the way MLflow spells them (<c>sqlite:///rel.db</c>, <c>sqlite:////abs.db</c>, <c>postgresql://...</c>).</summary>
internal static class StoreUri
{
    public static string SqlitePath(string uri)
    {
        const string prefix = "sqlite:///";
        var path = uri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? uri[prefix.Length..] : "";
        var query = path.IndexOf('?');
        path = query >= 0 ? path[..query] : path;
        if (path.Length == 0 || path == ":memory:")
        {
            throw Invalid(uri, "a SQLite store needs a file path: sqlite:///relative/path.db or sqlite:////absolute/path.db");
        }

        return Uri.UnescapeDataString(path);
    }

    public static string PostgresConnectionString(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw Invalid(uri, "expected postgresql://user:password@host:port/database");
        }

        var database = Uri.UnescapeDataString(parsed.AbsolutePath.Trim('/'));
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parsed.Host,
            Port = parsed.IsDefaultPort || parsed.Port < 0 ? 5432 : parsed.Port,
            Database = database.Length == 0 ? "postgres" : database,
        };
        var userInfo = parsed.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (pair, "");
            try
            {
                builder[key == "sslmode" ? "SSL Mode" : key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw Invalid(uri, $"unknown or invalid connection option '{key}'");
            }
        }

        return builder.ConnectionString;
    }

    public static string Scheme(string uri)
    {
        var colon = uri.IndexOf(':');
        var scheme = colon > 0 ? uri[..colon].ToLowerInvariant() : "";
        // SQLAlchemy-style driver suffixes (postgresql+psycopg2) name a Python driver; the database is what matters.
        var plus = scheme.IndexOf('+');
        return plus > 0 ? scheme[..plus] : scheme;
    }

    public static FathomException Invalid(string uri, string why) =>
        FathomException.InvalidParameter($"Invalid backend store URI '{Redact(uri)}': {why}.");

    /// <summary>Hides the password of a URI before it goes into a message or a log.</summary>
    public static string Redact(string uri)
    {
        var at = uri.IndexOf('@');
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || schemeEnd < 0 || at < schemeEnd)
        {
            return uri;
        }

        var colon = uri.IndexOf(':', schemeEnd + 3);
        return colon > 0 && colon < at ? uri[..(colon + 1)] + "***" + uri[at..] : uri;
    }
}
