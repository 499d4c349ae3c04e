using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Windows;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Windows;

public sealed class TimeWindowsTests
{
    private static TimestampColumn Times(params string?[] values) =>
        new("ts", values.Select(v => v is null ? TimestampColumn.MissingTicks : DateTime.Parse(v, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal).Ticks).ToArray());

    private static DataTable With(TimestampColumn times) => Of(times, Num("x", Enumerable.Range(0, times.Length).Select(i => (double)i).ToArray()));

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Day_windows_split_at_midnight_utc_and_keep_row_order()
    {
        var table = With(Times("2025-01-02T00:00:00Z", "2025-01-01T23:59:59Z", "2025-01-01T00:00:00Z", "2025-01-02T13:00:00Z"));

        var (windows, missing) = TimeWindows.Split(table, "ts", WindowSpec.Parse("day"));

        Assert.Equal(0, missing);
        Assert.Equal(2, windows.Count);
        Assert.Equal((Utc(2025, 1, 1), Utc(2025, 1, 2)), (windows[0].Start!.Value, windows[0].End!.Value));
        Assert.Equal([1, 2], windows[0].Rows);
        Assert.Equal((Utc(2025, 1, 2), Utc(2025, 1, 3)), (windows[1].Start!.Value, windows[1].End!.Value));
        Assert.Equal([0, 3], windows[1].Rows);
    }

    [Fact]
    public void Week_windows_start_on_monday_utc()
    {
        // 2025-01-05 is a Sunday, 2025-01-06 a Monday; 2024-12-30 is the Monday of 2025-01-01's ISO week.
        var table = With(Times("2025-01-01T08:00:00Z", "2025-01-05T23:59:59Z", "2025-01-06T00:00:00Z", "2025-01-12T10:00:00Z"));

        var (windows, _) = TimeWindows.Split(table, "ts", WindowSpec.Parse("week"));

        Assert.Equal([Utc(2024, 12, 30), Utc(2025, 1, 6)], windows.Select(w => w.Start!.Value));
        Assert.Equal([Utc(2025, 1, 6), Utc(2025, 1, 13)], windows.Select(w => w.End!.Value));
        Assert.Equal([[0, 1], [2, 3]], windows.Select(w => w.Rows));
    }

    [Fact]
    public void Month_windows_follow_the_calendar_and_leave_out_empty_months()
    {
        var table = With(Times("2025-01-31T23:00:00Z", "2025-03-01T00:00:00Z", "2025-01-01T00:00:00Z"));

        var (windows, _) = TimeWindows.Split(table, "ts", WindowSpec.Parse("month"));

        Assert.Equal([Utc(2025, 1, 1), Utc(2025, 3, 1)], windows.Select(w => w.Start!.Value));
        Assert.Equal([Utc(2025, 2, 1), Utc(2025, 4, 1)], windows.Select(w => w.End!.Value));
        Assert.Equal([[0, 2], [1]], windows.Select(w => w.Rows));
    }

    [Fact]
    public void Empty_days_are_left_out()
    {
        var table = With(Times("2025-01-01T10:00:00Z", "2025-01-04T10:00:00Z"));

        var (windows, _) = TimeWindows.Split(table, "ts", WindowSpec.Parse("day"));

        Assert.Equal([Utc(2025, 1, 1), Utc(2025, 1, 4)], windows.Select(w => w.Start!.Value));
    }

    [Fact]
    public void Row_windows_take_rows_in_time_order_and_count_rows_without_a_timestamp()
    {
        var table = With(Times("2025-01-03T00:00:00Z", null, "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z"));

        var (windows, missing) = TimeWindows.Split(table, "ts", WindowSpec.Parse("3"));

        Assert.Equal(1, missing);
        Assert.Equal([[2, 3, 4], [0]], windows.Select(w => w.Rows));
        Assert.Equal((Utc(2025, 1, 1), Utc(2025, 1, 2)), (windows[0].Start!.Value, windows[0].End!.Value));
        Assert.Equal((Utc(2025, 1, 3), Utc(2025, 1, 3)), (windows[1].Start!.Value, windows[1].End!.Value));
    }

    [Fact]
    public void Row_windows_without_a_timestamp_follow_row_order()
    {
        var table = Of(Num("x", 1, 2, 3, 4, 5));

        var (windows, _) = TimeWindows.Split(table, null, WindowSpec.Parse("2"));

        Assert.Equal([[0, 1], [2, 3], [4]], windows.Select(w => w.Rows));
        Assert.All(windows, w => Assert.Null(w.Start));
    }

    [Theory]
    [InlineData("hour", "Window 'hour' is unknown")]
    [InlineData("0", "Window '0' is unknown")]
    [InlineData("-5", "Window '-5' is unknown")]
    public void Unknown_window_sizes_are_rejected(string window, string message)
    {
        var error = Assert.Throws<FathomException>(() => WindowSpec.Parse(window));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Calendar_windows_without_a_timestamp_column_are_a_clear_error()
    {
        var error = Assert.Throws<FathomException>(() => TimeWindows.Split(Of(Num("x", 1, 2)), null, WindowSpec.Parse("day")));
        Assert.Contains("Windows by day need a timestamp column", error.Message);
    }

    [Fact]
    public void A_timestamp_column_holding_numbers_or_text_is_a_clear_error()
    {
        var numbers = Assert.Throws<FathomException>(() => TimeWindows.Split(Of(Num("ts", 1700000000, 1700000001)), "ts", WindowSpec.Parse("day")));
        var text = Assert.Throws<FathomException>(() => TimeWindows.Split(Of(Cat("ts", null, "yesterday")), "ts", WindowSpec.Parse("week")));

        Assert.Contains("The timestamp column 'ts' holds numbers (e.g. '1700000000'), not timestamps", numbers.Message);
        Assert.Contains("The timestamp column 'ts' holds text (e.g. 'yesterday'), not timestamps", text.Message);
    }

    [Fact]
    public void A_timestamp_column_without_values_is_a_clear_error()
    {
        var error = Assert.Throws<FathomException>(() => TimeWindows.Split(With(Times(null, null)), "ts", WindowSpec.Parse("day")));
        Assert.Contains("The timestamp column 'ts' has no value in the current data.", error.Message);
    }

    [Fact]
    public void Too_many_windows_is_a_clear_error()
    {
        var ticks = Enumerable.Range(0, WindowSpec.MaxWindows + 1).Select(d => Utc(2020, 1, 1).AddDays(d).Ticks).ToArray();

        var error = Assert.Throws<FathomException>(() => TimeWindows.Split(With(new TimestampColumn("ts", ticks)), "ts", WindowSpec.Parse("day")));

        Assert.Contains($"splits into {WindowSpec.MaxWindows + 1} windows", error.Message);
    }
}
