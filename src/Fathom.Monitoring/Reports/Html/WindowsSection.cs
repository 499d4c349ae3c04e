using System.Globalization;
using System.Text;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Windows;
using static System.Net.WebUtility;

namespace Fathom.Monitoring.Reports.Html;

/// <summary>
/// "Drift over time": a line of the share of drifted columns per window, a heat grid (one row per column, one cell per
/// window, red where the column drifted) and a sortable table of each window's key numbers. Cells carry tooltips only
/// while the grid is small, so even 1000 windows keep the file well under a few megabytes.
/// </summary>
internal static class WindowsSection
{
    private const int GridWidth = 640, RowHeight = 14, LabelWidth = 130, TooltipCells = 5000;

    public static void Highlight(StringBuilder html, ReportWindows windows)
    {
        var first = windows.Windows.FirstOrDefault(w => w.Report.DataDrift?.DatasetDrift == true);
        var text = first is null
            ? $"no dataset drift in any of {windows.Windows.Count} windows"
            : $"dataset drift from window {first.Index} ({Label(first)}), {windows.Windows.Count(w => w.Report.DataDrift?.DatasetDrift == true)} of {windows.Windows.Count} windows drifted";
        // The first window where any column drifted says when drift started even below the dataset rule.
        var column = windows.Windows.Select(w => (Window: w, Column: Columns(w.Report).FirstOrDefault(c => c.Drifted))).FirstOrDefault(p => p.Column is not null);
        if (column.Column is { } c) text += $"; first drifted column: {c.Column} in window {column.Window.Index} ({Label(column.Window)})";
        html.Append(CultureInfo.InvariantCulture,
            $"<p id=\"windows-verdict\">Over time (<a href=\"#drift-over-time\">{windows.Windows.Count} windows by {HtmlEncode(windows.Window.ToString())}</a>): <span class=\"{(column.Column is null ? "no" : "yes")}\">{HtmlEncode(text)}</span>.</p>");
    }

    public static void Append(StringBuilder html, ReportWindows windows)
    {
        var list = windows.Windows;
        html.Append("<section id=\"drift-over-time\"><h2>Drift over time</h2>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"meta\">{list.Count} windows by {HtmlEncode(windows.Window.ToString())}{(windows.Timestamp is null ? " (row order)" : $" of {HtmlEncode(windows.Timestamp)}")}; each compared with the whole reference{(windows.RowsWithoutTimestamp > 0 ? $"; {windows.RowsWithoutTimestamp:N0} rows without a timestamp are in no window" : "")}.</p>");
        if (list.Count > 0 && list[0].Report.DataDrift is not null)
        {
            var x = list.Select(w => list.Count == 1 ? 0.5 : (double)w.Index / (list.Count - 1)).ToList();
            html.Append("<div class=\"pair\">").Append(LineChart.Draw("Share of drifted columns per window", "window", "share", false,
                new LineChart.Series("share of drifted columns", "var(--cur)", x, list.Select(w => w.Report.DataDrift!.ShareOfDriftedColumns).ToList()))).Append("</div>");
            Grid(html, list);
        }
        Table(html, list);
        html.Append("</section>");
    }

    private static void Grid(StringBuilder html, IReadOnlyList<ReportWindow> list)
    {
        var names = Columns(list[0].Report).Select(c => c.Column).ToList();
        var cell = Math.Max(1.0, (GridWidth - LabelWidth) / (double)list.Count);
        var tooltips = names.Count * list.Count <= TooltipCells;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" id=\"windows-grid\" width=\"{GridWidth}\" height=\"{names.Count * RowHeight + 4}\" viewBox=\"0 0 {GridWidth} {names.Count * RowHeight + 4}\">");
        for (var row = 0; row < names.Count; row++)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{row * RowHeight + 11}\">{HtmlEncode(Shorten(names[row]))}</text>");
        foreach (var window in list)
        {
            var columns = Columns(window.Report).ToList();
            for (var row = 0; row < columns.Count && row < names.Count; row++)
            {
                var c = columns[row];
                var fill = !double.IsFinite(c.DriftScore) ? "#ccc" : c.Drifted ? "var(--bad)" : "#c8e6c9";
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth + window.Index * cell:0.#}\" y=\"{row * RowHeight}\" width=\"{Math.Max(1, cell - 1):0.#}\" height=\"{RowHeight - 2}\" fill=\"{fill}\"");
                if (tooltips)
                    svg.Append(CultureInfo.InvariantCulture, $"><title>{HtmlEncode(c.Column)}, window {window.Index} ({HtmlEncode(Label(window))}): {HtmlEncode(c.Test)} {SvgChart.Number(c.DriftScore)}{(c.Drifted ? ", drifted" : "")}</title></rect>");
                else svg.Append("/>");
            }
        }
        svg.Append("</svg>");
        html.Append("<p class=\"legend\"><span style=\"background:var(--bad)\"></span>drifted<span style=\"background:#c8e6c9\"></span>no drift<span style=\"background:#ccc\"></span>no value</p>");
        html.Append(svg);
    }

    private static void Table(StringBuilder html, IReadOnlyList<ReportWindow> list)
    {
        html.Append("<table class=\"sortable\" id=\"windows-table\"><thead><tr><th data-type=\"num\">Window</th><th>Start</th><th data-type=\"num\">Rows</th>");
        html.Append("<th data-type=\"num\">Drifted columns</th><th data-type=\"num\">Share</th><th>Dataset drift</th><th>Target drift</th><th>Prediction drift</th><th data-type=\"num\">Missing cells</th><th data-type=\"num\">Accuracy / R2</th></tr></thead><tbody>");
        foreach (var w in list)
        {
            var r = w.Report;
            var score = r.Classification?.Current.Accuracy ?? r.Regression?.Current.R2Score ?? double.NaN;
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(r.DataDrift?.DatasetDrift == true ? "drifted" : "")}\"><td class=\"n\">{w.Index}</td><td>{HtmlEncode(Label(w))}</td><td class=\"n\">{w.Rows}</td>" +
                $"<td class=\"n\">{r.DataDrift?.NumberOfDriftedColumns.ToString(CultureInfo.InvariantCulture) ?? "-"}</td><td class=\"n\" data-v=\"{HtmlReportWriter.Raw(r.DataDrift?.ShareOfDriftedColumns ?? double.NaN)}\">{SvgChart.Number(r.DataDrift?.ShareOfDriftedColumns ?? double.NaN)}</td>" +
                $"<td>{YesNo(r.DataDrift?.DatasetDrift)}</td><td>{YesNo(r.TargetDrift?.Drifted)}</td><td>{YesNo(r.PredictionDrift?.Drifted)}</td>" +
                $"<td class=\"n\">{r.DataQuality?.Current.MissingCells.ToString(CultureInfo.InvariantCulture) ?? "-"}</td><td class=\"n\" data-v=\"{HtmlReportWriter.Raw(score)}\">{SvgChart.Number(score)}</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static IEnumerable<ColumnDrift> Columns(MonitoringReport report) =>
        (report.DataDrift?.Columns ?? []).Concat(new[] { report.TargetDrift, report.PredictionDrift }.OfType<ColumnDrift>());

    private static string YesNo(bool? value) => value switch { true => "<span class=\"yes\">yes</span>", false => "<span class=\"no\">no</span>", _ => "-" };

    private static string Label(ReportWindow window) => window.Start is { } start
        ? start.UtcDateTime.ToString(start.UtcDateTime.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : $"rows {window.Index}";

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..19] + "\u2026";
}
