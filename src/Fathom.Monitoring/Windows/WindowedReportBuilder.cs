using Fathom.Core.Tables;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Reports;

namespace Fathom.Monitoring.Windows;

/// <summary>
/// Computes a report per window of the current data. Each window is an ordinary report of the window's rows against
/// the whole reference (same mapping and options), so its numbers are exactly those of a report run on that slice
/// alone; windows run one after another, each using the cores for its columns. What comes from the reference alone
/// (its sorted columns, the multivariate fit) is computed for the first window and reused by the others.
/// </summary>
internal static class WindowedReportBuilder
{
    public static ReportWindows Build(DataTable reference, DataTable current, ColumnMapping mapping, ReportOptions options, WindowSpec spec, ReferenceCache cache)
    {
        var (slices, withoutTimestamp) = TimeWindows.Split(current, mapping.Timestamp, spec);
        var perWindow = options with { Window = null };
        var windows = new List<ReportWindow>(slices.Count);
        foreach (var slice in slices)
        {
            var report = MonitoringReportBuilder.Build(reference, current.Take(slice.Rows), mapping, perWindow, cache);
            windows.Add(new ReportWindow(windows.Count, Utc(slice.Start), Utc(slice.End), report));
        }
        return new ReportWindows(spec, mapping.Timestamp, withoutTimestamp, windows);
    }

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(t.Ticks, TimeSpan.Zero) : null;
}
