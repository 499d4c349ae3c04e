using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Fathom.Monitoring.Reports.Html;

/// <summary>
/// Draws curves on the unit square (ROC, precision-recall, reliability) as inline SVG polylines from the aggregated
/// points a report holds (a few hundred at most), with an optional dashed diagonal as the chance/perfect line.
/// </summary>
internal static class LineChart
{
    private const int Size = 260, Pad = 34;

    public sealed record Series(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Y);

    public static string Draw(string title, string xLabel, string yLabel, bool diagonal, params Series[] series)
    {
        var plot = Size - 2 * Pad;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure class=\"curve\"><figcaption>{HtmlEncode(title)}</figcaption><svg role=\"img\" width=\"{Size}\" height=\"{Size}\" viewBox=\"0 0 {Size} {Size}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Pad}\" y=\"{Pad}\" width=\"{plot}\" height=\"{plot}\" fill=\"none\" stroke=\"#999\"/>");
        if (diagonal)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Pad}\" y1=\"{Pad + plot}\" x2=\"{Pad + plot}\" y2=\"{Pad}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Pad}\" y=\"{Size - 8}\">{HtmlEncode(xLabel)}</text><text x=\"4\" y=\"{Pad - 8}\">{HtmlEncode(yLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Pad - 4}\" y=\"{Pad + plot + 12}\" text-anchor=\"end\">0</text><text x=\"{Pad + plot}\" y=\"{Pad + plot + 12}\" text-anchor=\"end\">1</text><text x=\"{Pad - 4}\" y=\"{Pad + 4}\" text-anchor=\"end\">1</text>");
        foreach (var s in series)
        {
            var points = new StringBuilder();
            for (var i = 0; i < s.X.Count; i++)
            {
                if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) continue;
                points.Append(CultureInfo.InvariantCulture, $"{Pad + Math.Clamp(s.X[i], 0, 1) * plot:0.#},{Pad + (1 - Math.Clamp(s.Y[i], 0, 1)) * plot:0.#} ");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\" points=\"{points.ToString().TrimEnd()}\"><title>{HtmlEncode(s.Name)}</title></polyline>");
        }
        svg.Append("</svg></figure>");
        return svg.ToString();
    }
}
