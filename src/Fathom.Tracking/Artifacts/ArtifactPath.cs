using Fathom.Core.Errors;

namespace Fathom.Tracking.Artifacts;

/// <summary>
/// The one validator for artifact paths, which always come from clients. Like MLflow's <c>validate_path_is_safe</c>
/// it first percent-decodes until the text stops changing (so <c>%2e%2e</c> and <c>%252e</c> are seen as <c>..</c>),
/// then refuses anything that is absolute or could climb out of the artifact root.
/// </summary>
public static class ArtifactPath
{
    // MLflow gives up after ten rounds of decoding; a path still changing by then is an attack, not a file name.
    private const int MaxDecodeRounds = 10;

    /// <summary>
    /// Returns the canonical form of <paramref name="raw"/>: decoded, segments joined by '/', with empty and '.'
    /// segments dropped. Empty means the root. Throws INVALID_PARAMETER_VALUE for '..' segments, absolute paths,
    /// drive letters, backslashes, '#', NUL and other control characters.
    /// </summary>
    public static string Normalize(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        var path = Decode(raw);
        if (path.StartsWith('/')) throw Invalid(raw, "it is absolute");
        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])) throw Invalid(raw, "it names a drive");
        foreach (var c in path)
        {
            // A backslash is a separator on Windows, so "..\\x" would climb there; refuse it everywhere.
            if (c == '\\') throw Invalid(raw, "it contains a backslash");
            if (c == '#') throw Invalid(raw, "it contains '#'");
            if (char.IsControl(c)) throw Invalid(raw, "it contains a control character");
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Contains("..")) throw Invalid(raw, "it contains '..'");
        return string.Join('/', segments.Where(s => s != "."));
    }

    /// <summary>Like <see cref="Normalize"/>, but the result must name something below the root.</summary>
    public static string NormalizeNonRoot(string? raw)
    {
        var path = Normalize(raw);
        if (path.Length == 0) throw FathomException.InvalidParameter("Invalid path: an artifact path is required.");
        return path;
    }

    /// <summary>Joins already-normalized relative paths.</summary>
    public static string Join(string left, string right) =>
        left.Length == 0 ? right : right.Length == 0 ? left : $"{left}/{right}";

    private static string Decode(string raw)
    {
        var current = raw;
        for (var round = 0; round < MaxDecodeRounds; round++)
        {
            var decoded = Uri.UnescapeDataString(current);
            if (decoded == current) return current;
            current = decoded;
        }
        throw Invalid(raw, "it is encoded too many times");
    }

    private static FathomException Invalid(string raw, string why) =>
        FathomException.InvalidParameter($"Invalid path '{Printable(raw)}': {why}.");

    // Echo the path back without raw control characters, so error messages and logs stay one clean line.
    private static string Printable(string raw) =>
        string.Concat(raw.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
