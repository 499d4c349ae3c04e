using Fathom.Monitoring.Reports;

namespace Fathom.Monitoring.Windows;

/// <summary>
/// One window's report: the preset's sections computed on the window's rows alone against the whole reference.
/// <see cref="Start"/>/<see cref="End"/> are as <see cref="WindowSlice"/> describes; null for row windows without a timestamp.
/// </summary>
public sealed record ReportWindow(int Index, DateTimeOffset? Start, DateTimeOffset? End, MonitoringReport Report)
{
    public int Rows => Report.CurrentRows;
}

/// <summary>The "drift over time" part of a report: how the current data was cut and one report per non-empty window.</summary>
public sealed record ReportWindows(WindowSpec Window, string? Timestamp, int RowsWithoutTimestamp, IReadOnlyList<ReportWindow> Windows);
