using System.Globalization;
using System.Text;
using Fathom.Monitoring.Drift;
using static System.Net.WebUtility;

namespace Fathom.Monitoring.Reports.Html;

/// <summary>
/// Writes a report as ONE self-contained HTML file: inline style and script, inline SVG charts drawn from
/// aggregated bins (never raw rows, so its size depends on the number of columns, not rows). The summary comes
/// first: did the dataset drift, and which columns.
/// </summary>
public static class HtmlReportWriter
{
    public static string Render(MonitoringReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>Fathom monitoring report</title><style>").Append(HtmlAssets.Style).Append("</style></head><body>");
        html.Append("<header><h1>Fathom monitoring report</h1>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"meta\">Reference: {report.ReferenceRows:N0} rows &middot; current: {report.CurrentRows:N0} rows &middot; preset: {report.Preset.ToString().ToLowerInvariant()} &middot; generated {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC</p></header>");
        Summary(html, report);
        if (report.DataDrift is { } drift) DriftSection(html, report, drift);
        if (report.Windows is { } windows) WindowsSection.Append(html, windows);
        if (report.Multivariate is { } multivariate) MultivariateSection.Append(html, multivariate);
        if (report.TargetCorrelations is { Features.Count: > 0 } correlations) PerformanceSection.Correlations(html, correlations);
        if (report.Classification is { } classification) PerformanceSection.Classification(html, classification);
        if (report.Regression is { } regression) PerformanceSection.Regression(html, regression);
        if (report.DataQuality is { } quality) QualitySection.Append(html, quality);
        html.Append("<script>").Append(HtmlAssets.Script).Append("</script></body></html>");
        return html.ToString();
    }

    public static void Write(MonitoringReport report, string path) => File.WriteAllText(path, Render(report), new UTF8Encoding(false));

    private static void Summary(StringBuilder html, MonitoringReport report)
    {
        html.Append("<section id=\"summary\"><h2>Summary</h2>");
        if (report.DataDrift is { } drift)
        {
            var css = drift.DatasetDrift ? "drift" : "ok";
            var verdict = drift.DatasetDrift ? "Dataset drift detected" : "No dataset drift";
            html.Append(CultureInfo.InvariantCulture,
                $"<div id=\"dataset-drift\" class=\"verdict {css}\">{verdict}: {drift.NumberOfDriftedColumns} of {drift.Columns.Count} columns drifted ({drift.ShareOfDriftedColumns:P0}; the dataset drifts from {drift.DriftShare:P0}).</div>");
            var drifted = drift.Columns.Select((c, i) => (c, i)).Where(p => p.c.Drifted).ToList();
            if (drifted.Count > 0)
            {
                html.Append("<p>Drifted columns:</p><ul id=\"drifted-columns\">");
                foreach (var (column, i) in drifted)
                    html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#column-{i}\">{HtmlEncode(column.Column)}</a> &mdash; {HtmlEncode(column.Test)} {SvgChart.Number(column.DriftScore)} (threshold {SvgChart.Number(column.Threshold)})</li>");
                html.Append("</ul>");
            }
        }
        foreach (var (label, single) in new[] { ("Target", report.TargetDrift), ("Prediction", report.PredictionDrift) })
        {
            if (single is null) continue;
            html.Append(CultureInfo.InvariantCulture,
                $"<p>{label} drift ({HtmlEncode(single.Column)}): <span class=\"{(single.Drifted ? "yes" : "no")}\">{(single.Drifted ? "detected" : "not detected")}</span> &mdash; {HtmlEncode(single.Test)} {SvgChart.Number(single.DriftScore)} (threshold {SvgChart.Number(single.Threshold)})</p>");
        }
        if (report.Multivariate is { } multivariate) MultivariateSection.Highlight(html, multivariate);
        if (report.Windows is { } windows) WindowsSection.Highlight(html, windows);
        PerformanceSection.Highlights(html, report);
        if (report.DataQuality is { } quality) QualitySection.Highlights(html, quality);
        html.Append("</section>");
    }

    private static void DriftSection(StringBuilder html, MonitoringReport report, DataDriftResult drift)
    {
        html.Append("<section id=\"data-drift\"><h2>Data drift</h2><table class=\"sortable\" id=\"drift-table\"><thead><tr>");
        html.Append("<th>Column</th><th>Type</th><th>Test</th><th data-type=\"num\">Drift score</th><th data-type=\"num\">Threshold</th><th>Drifted</th></tr></thead><tbody>");
        for (var i = 0; i < drift.Columns.Count; i++)
        {
            var c = drift.Columns[i];
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(c.Drifted ? "drifted" : "")}\"><td><a href=\"#column-{i}\">{HtmlEncode(c.Column)}</a></td><td>{c.ColumnType}</td><td>{HtmlEncode(c.Test)}</td>" +
                $"<td class=\"n\" data-v=\"{Raw(c.DriftScore)}\">{SvgChart.Number(c.DriftScore)}</td><td class=\"n\">{SvgChart.Number(c.Threshold)}</td><td class=\"{(c.Drifted ? "yes" : "no")}\">{(c.Drifted ? "yes" : "no")}</td></tr>");
        }
        html.Append("</tbody></table>");
        html.Append("<p class=\"legend\"><span style=\"background:var(--ref)\"></span>reference<span style=\"background:var(--cur)\"></span>current (share of rows per bin)</p>");
        var extra = new[] { report.TargetDrift, report.PredictionDrift }.OfType<ColumnDrift>();
        var index = 0;
        foreach (var c in drift.Columns.Concat(extra)) ColumnBlock(html, c, index++);
        html.Append("</section>");
    }

    private static void ColumnBlock(StringBuilder html, ColumnDrift c, int index)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"column\" id=\"column-{index}\"><h3>{HtmlEncode(c.Column)} <small class=\"{(c.Drifted ? "yes" : "no")}\">{(c.Drifted ? "drifted" : "no drift")}</small></h3>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{c.ColumnType} &middot; {HtmlEncode(c.Test)}: drift score {SvgChart.Number(c.DriftScore)}, threshold {SvgChart.Number(c.Threshold)}, statistic {SvgChart.Number(c.Statistic)}{(c.Note is null ? "" : " &middot; " + HtmlEncode(c.Note))}</p>");
        html.Append(SvgChart.Draw(c.Distribution)).Append("</div>");
    }

    internal static string Raw(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";
}
