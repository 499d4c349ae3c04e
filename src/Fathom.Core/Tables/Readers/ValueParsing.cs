using System.Globalization;

namespace Fathom.Core.Tables.Readers;

/// <summary>How text cells become numbers, timestamps or missing values (CSV, and JSON strings for timestamps).</summary>
internal static class ValueParsing
{
    // pandas' default NA markers, minus the rarely meant ones ("1.#IND", "-1.#QNAN", ...).
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.Ordinal)
    {
        "", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "null", "NULL", "None", "#N/A", "<NA>",
    };

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss",
    ];

    private static readonly System.Buffers.SearchValues<char> NonIntegralMarks = System.Buffers.SearchValues.Create(".eEnN");

    public static bool IsMissing(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || (trimmed.Length <= 4 && MissingMarkers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(trimmed));
    }

    public static bool TryNumber(ReadOnlySpan<char> text, out double value, out bool integral)
    {
        integral = false;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
        integral = text.IndexOfAny(NonIntegralMarks) < 0;
        return true;
    }

    /// <summary>ISO-8601-like dates and date-times only, so that ambiguous text ("3/4", "May") stays text.</summary>
    public static bool TryTimestamp(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        var trimmed = text.Trim();
        if (trimmed.Length < 10 || !char.IsAsciiDigit(trimmed[0])) return false;
        if (!DateTime.TryParseExact(trimmed, TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        ticks = parsed.Ticks;
        return true;
    }
}
