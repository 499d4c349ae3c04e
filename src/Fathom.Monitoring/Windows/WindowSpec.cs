using System.Globalization;
using Fathom.Core.Errors;

namespace Fathom.Monitoring.Windows;

/// <summary>How the current data is cut into windows: calendar days, ISO weeks or months (UTC), or runs of N rows.</summary>
public enum WindowUnit
{
    Day,
    Week,
    Month,
    Rows,
}

/// <summary>A window size: <c>day</c>, <c>week</c>, <c>month</c> or a row count (<c>--window 10000</c>).</summary>
public sealed record WindowSpec(WindowUnit Unit, int Rows = 0)
{
    /// <summary>More windows than this is almost always a mistake (days over years of data), and each window costs one report.</summary>
    public const int MaxWindows = 1000;

    public static WindowSpec Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "day" => new WindowSpec(WindowUnit.Day),
        "week" => new WindowSpec(WindowUnit.Week),
        "month" => new WindowSpec(WindowUnit.Month),
        var n when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && rows > 0 => new WindowSpec(WindowUnit.Rows, rows),
        _ => throw FathomException.InvalidParameter($"Window '{text}' is unknown; use day, week, month or a number of rows (e.g. 10000)."),
    };

    /// <summary>As the JSON report writes it: "day", "week", "month" or the row count.</summary>
    public override string ToString() => Unit == WindowUnit.Rows ? Rows.ToString(CultureInfo.InvariantCulture) : Unit.ToString().ToLowerInvariant();
}
