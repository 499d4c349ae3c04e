using System.Globalization;
using System.Text;
using Fathom.Monitoring.Quality;
using static System.Net.WebUtility;

namespace Fathom.Monitoring.Reports.Html;

/// <summary>The data quality part of the HTML report: highlights for the summary, then datasets and columns side by side.</summary>
internal static class QualitySection
{
    public static void Highlights(StringBuilder html, DataQualityResult quality)
    {
        var items = new List<string>();
        var cur = quality.Current;
        if (cur.MissingCells > 0) items.Add($"{cur.MissingCellsShare:P1} of current cells are missing");
        if (cur.DuplicatedRows > 0) items.Add($"{cur.DuplicatedRows:N0} duplicated rows in the current data");
        if (cur.ConstantColumns.Count > 0) items.Add($"constant columns: {string.Join(", ", cur.ConstantColumns)}");
        foreach (var column in quality.Columns.Where(c => c.NewCategories is { Count: > 0 }))
            items.Add($"new categories in {column.Column}: {string.Join(", ", column.NewCategories!.Take(5))}");
        foreach (var column in quality.Columns.Where(c => c.OutOfRangeCount > 0))
            items.Add($"{column.OutOfRangeCount:N0} current values of {column.Column} are outside the reference range");
        if (items.Count == 0) return;
        html.Append("<p>Data quality:</p><ul id=\"quality-highlights\">");
        foreach (var item in items.Take(12)) html.Append("<li>").Append(HtmlEncode(item)).Append("</li>");
        html.Append("</ul>");
    }

    public static void Append(StringBuilder html, DataQualityResult quality)
    {
        html.Append("<section id=\"data-quality\"><h2>Data quality</h2><table><thead><tr><th></th><th>Reference</th><th>Current</th></tr></thead><tbody>");
        Row(html, "Rows", quality.Reference.Rows, quality.Current.Rows);
        Row(html, "Missing cells", quality.Reference.MissingCells, quality.Current.MissingCells);
        Row(html, "Duplicated rows", quality.Reference.DuplicatedRows, quality.Current.DuplicatedRows);
        TextRow(html, "Duplicated columns", Groups(quality.Reference.DuplicatedColumns), Groups(quality.Current.DuplicatedColumns));
        TextRow(html, "Constant columns", string.Join(", ", quality.Reference.ConstantColumns), string.Join(", ", quality.Current.ConstantColumns));
        TextRow(html, "Almost constant columns", string.Join(", ", quality.Reference.AlmostConstantColumns), string.Join(", ", quality.Current.AlmostConstantColumns));
        html.Append("</tbody></table>");
        html.Append("<table class=\"sortable\" id=\"quality-table\"><thead><tr><th>Column</th><th>Type</th>");
        foreach (var h in new[] { "Missing ref", "Missing cur", "Unique ref", "Unique cur", "Mean ref", "Mean cur", "Std ref", "Std cur", "Min cur", "Max cur", "Outliers (IQR) cur", "Out of ref range" })
            html.Append("<th data-type=\"num\">").Append(h).Append("</th>");
        html.Append("<th>Most common (current)</th><th>New categories</th></tr></thead><tbody>");
        foreach (var c in quality.Columns)
        {
            html.Append("<tr><td>").Append(HtmlEncode(c.Column)).Append("</td><td>").Append(c.ColumnType).Append("</td>");
            Cell(html, c.Reference.MissingShare, percent: true);
            Cell(html, c.Current.MissingShare, percent: true);
            Cell(html, c.Reference.UniqueCount);
            Cell(html, c.Current.UniqueCount);
            Cell(html, c.Reference.Numeric?.Mean);
            Cell(html, c.Current.Numeric?.Mean);
            Cell(html, c.Reference.Numeric?.Std);
            Cell(html, c.Current.Numeric?.Std);
            Cell(html, c.Current.Numeric?.Min);
            Cell(html, c.Current.Numeric?.Max);
            Cell(html, c.CurrentOutliers?.IqrCount);
            Cell(html, c.OutOfRangeCount);
            var common = c.Current.MostCommon.FirstOrDefault();
            html.Append("<td>").Append(common is null ? "" : HtmlEncode($"{common.Value} ({common.Share:P0})")).Append("</td>");
            html.Append("<td>").Append(HtmlEncode(string.Join(", ", (c.NewCategories ?? []).Take(5)))).Append("</td></tr>");
        }
        html.Append("</tbody></table></section>");
    }

    private static string Groups(IReadOnlyList<string[]> groups) => string.Join("; ", groups.Select(g => string.Join(" = ", g)));

    private static void Row(StringBuilder html, string label, long reference, long current) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{label}</td><td class=\"n\">{reference:N0}</td><td class=\"n\">{current:N0}</td></tr>");

    private static void TextRow(StringBuilder html, string label, string reference, string current) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{label}</td><td>{HtmlEncode(reference)}</td><td>{HtmlEncode(current)}</td></tr>");

    private static void Cell(StringBuilder html, double? value, bool percent = false)
    {
        if (value is not { } v || !double.IsFinite(v)) { html.Append("<td class=\"n\" data-v=\"\"></td>"); return; }
        var text = percent ? v.ToString("P1", CultureInfo.InvariantCulture) : SvgChart.Number(v);
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-v=\"{HtmlReportWriter.Raw(v)}\">{text}</td>");
    }
}
