using System.Globalization;
using System.Text;
using Fathom.Monitoring.Drift;
using static System.Net.WebUtility;

namespace Fathom.Monitoring.Reports.Html;

/// <summary>
/// Draws reference vs current bars from aggregated bins as inline SVG. Bars show shares, not counts, so datasets
/// of different sizes compare; the exact counts are in each bar's tooltip.
/// </summary>
internal static class SvgChart
{
    private const int Width = 640, Height = 200, Left = 40, Bottom = 40, Top = 10;

    public static string Draw(Distribution distribution)
    {
        var bins = distribution.ReferenceCounts.Length;
        if (bins == 0) return "<p class=\"meta\">No values to draw.</p>";
        double refTotal = Math.Max(1, distribution.ReferenceCounts.Sum()), curTotal = Math.Max(1, distribution.CurrentCounts.Sum());
        var maxShare = Enumerable.Range(0, bins).Max(i => Math.Max(distribution.ReferenceCounts[i] / refTotal, distribution.CurrentCounts[i] / curTotal));
        if (maxShare <= 0) maxShare = 1;
        var plotWidth = Width - Left - 10.0;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / bins;
        var bar = Math.Max(1, slot / 2 - 1);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 10}\" y2=\"{Top + plotHeight}\" stroke=\"#999\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{Top + 8}\">{maxShare:P0}</text>");
        for (var i = 0; i < bins; i++)
        {
            var label = Label(distribution, i);
            Bar(svg, Left + i * slot, bar, distribution.ReferenceCounts[i], refTotal, maxShare, plotHeight, "var(--ref)", $"reference {label}");
            Bar(svg, Left + i * slot + bar, bar, distribution.CurrentCounts[i], curTotal, maxShare, plotHeight, "var(--cur)", $"current {label}");
            if (distribution.Labels is not null)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + i * slot + 2:0.#}\" y=\"{Top + plotHeight + 12}\">{HtmlEncode(Shorten(label, Math.Max(3, (int)(slot / 6))))}</text>");
        }
        if (distribution.Edges is { Count: > 0 } edges)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Top + plotHeight + 14}\">{Number(edges[0])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 10}\" y=\"{Top + plotHeight + 14}\" text-anchor=\"end\">{Number(edges[^1])}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, double x, double width, long count, double total, double maxShare, double plotHeight, string color, string title)
    {
        var share = count / total;
        var height = share / maxShare * plotHeight;
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x:0.##}\" y=\"{Top + plotHeight - height:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\" fill=\"{color}\"><title>{HtmlEncode(title)}: {count} ({share:P1})</title></rect>");
    }

    private static string Label(Distribution distribution, int i) => distribution.Labels is { } labels
        ? labels[i]
        : $"[{Number(distribution.Edges![i])}, {Number(distribution.Edges[i + 1])}{(i == distribution.Edges.Count - 2 ? "]" : ")")}";

    internal static string Number(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "-";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..Math.Max(1, max - 1)] + "\u2026";
}
