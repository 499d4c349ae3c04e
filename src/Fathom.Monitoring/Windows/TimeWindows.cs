using Fathom.Core.Errors;
using Fathom.Core.Tables;

namespace Fathom.Monitoring.Windows;

/// <summary>
/// One window of the current data: its rows (ascending row numbers) and its bounds. Calendar windows are
/// [<see cref="Start"/>, <see cref="End"/>); row windows carry their first and last timestamp (both inclusive), or no
/// bounds without a timestamp column.
/// </summary>
internal sealed record WindowSlice(DateTime? Start, DateTime? End, int[] Rows);

/// <summary>
/// Splits the current data into windows by its timestamp column. Calendar windows are UTC days, ISO weeks (starting
/// Monday 00:00) and months; a window without rows is left out, so gaps show as jumps between start dates. Row windows
/// take N consecutive rows in timestamp order (row order without a timestamp); the last may be shorter. Rows without
/// a timestamp belong to no window and are counted.
/// </summary>
internal static class TimeWindows
{
    public static (IReadOnlyList<WindowSlice> Windows, int RowsWithoutTimestamp) Split(DataTable current, string? timestamp, WindowSpec spec)
    {
        if (timestamp is null)
        {
            if (spec.Unit != WindowUnit.Rows)
                throw FathomException.InvalidParameter($"Windows by {spec} need a timestamp column: map one with --timestamp (or use a row count, e.g. --window 10000).");
            return (Checked(RowWindows(Enumerable.Range(0, current.RowCount).ToArray(), null, spec.Rows)), 0);
        }
        var ticks = Ticks(current, timestamp);
        var dated = new List<int>(ticks.Length);
        for (var row = 0; row < ticks.Length; row++) if (ticks[row] != TimestampColumn.MissingTicks) dated.Add(row);
        if (dated.Count == 0) throw FathomException.InvalidParameter($"The timestamp column '{timestamp}' has no value in the current data.");
        var missing = ticks.Length - dated.Count;
        if (spec.Unit == WindowUnit.Rows)
        {
            var order = dated.ToArray();
            var keys = order.Select(r => ticks[r]).ToArray();
            Array.Sort(keys, order);
            // Array.Sort is not stable: restore row order among equal timestamps so the same data gives the same windows.
            StableTies(keys, order);
            return (Checked(RowWindows(order, ticks, spec.Rows)), missing);
        }
        var groups = new SortedDictionary<long, List<int>>();
        foreach (var row in dated)
        {
            var start = WindowStart(new DateTime(ticks[row], DateTimeKind.Utc), spec.Unit).Ticks;
            if (!groups.TryGetValue(start, out var rows)) groups.Add(start, rows = []);
            rows.Add(row);
        }
        var windows = groups.Select(g =>
        {
            var start = new DateTime(g.Key, DateTimeKind.Utc);
            return new WindowSlice(start, WindowEnd(start, spec.Unit), [.. g.Value]);
        }).ToList();
        return (Checked(windows), missing);
    }

    public static DateTime WindowStart(DateTime time, WindowUnit unit) => unit switch
    {
        WindowUnit.Day => time.Date,
        WindowUnit.Week => time.Date.AddDays(-(((int)time.DayOfWeek + 6) % 7)),
        _ => new DateTime(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    private static DateTime WindowEnd(DateTime start, WindowUnit unit) => unit switch
    {
        WindowUnit.Day => start.AddDays(1),
        WindowUnit.Week => start.AddDays(7),
        _ => start.AddMonths(1),
    };

    private static List<WindowSlice> RowWindows(int[] order, long[]? ticks, int size)
    {
        var windows = new List<WindowSlice>();
        for (var first = 0; first < order.Length; first += size)
        {
            var rows = order[first..Math.Min(order.Length, first + size)];
            DateTime? start = ticks is null ? null : new DateTime(ticks[rows[0]], DateTimeKind.Utc);
            DateTime? end = ticks is null ? null : new DateTime(ticks[rows[^1]], DateTimeKind.Utc);
            Array.Sort(rows);
            windows.Add(new WindowSlice(start, end, rows));
        }
        return windows;
    }

    private static void StableTies(long[] keys, int[] order)
    {
        for (var i = 0; i < keys.Length;)
        {
            var j = i + 1;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(order, i, j - i);
            i = j;
        }
    }

    private static long[] Ticks(DataTable current, string timestamp)
    {
        if (!current.TryGetColumn(timestamp, out var column))
            throw FathomException.InvalidParameter($"The timestamp column '{timestamp}' is not in the data.");
        if (column is TimestampColumn times) return times.Ticks.ToArray();
        var example = Enumerable.Range(0, column.Length).Select(column.Format).FirstOrDefault(v => v is not null);
        var holds = column.Kind == ColumnKind.Numeric ? "numbers" : "text";
        throw FathomException.InvalidParameter(
            $"The timestamp column '{timestamp}' holds {holds} (e.g. '{example}'), not timestamps: windows need ISO 8601 dates or date-times such as 2024-01-31 or 2024-01-31T10:00:00Z.");
    }

    private static List<WindowSlice> Checked(List<WindowSlice> windows) => windows.Count <= WindowSpec.MaxWindows
        ? windows
        : throw FathomException.InvalidParameter($"The current data splits into {windows.Count} windows; at most {WindowSpec.MaxWindows} are computed: choose a longer window.");
}
