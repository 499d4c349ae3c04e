using System.Globalization;
using System.Text;
using Fathom.Monitoring.Multivariate;
using static System.Net.WebUtility;

namespace Fathom.Monitoring.Reports.Html;

/// <summary>The multivariate drift part of the HTML report: one line in the summary, then a table of the four checks.</summary>
internal static class MultivariateSection
{
    private const int PairsShown = 10;

    public static void Highlight(StringBuilder html, MultivariateDriftResult result)
    {
        var drifted = Checks(result).Where(c => c.Drifted).Select(c => c.Name).ToList();
        var text = drifted.Count == 0 ? "not detected" : "detected by " + string.Join(", ", drifted);
        html.Append(CultureInfo.InvariantCulture,
            $"<p id=\"multivariate-verdict\">Multivariate drift: <span class=\"{(drifted.Count > 0 ? "yes" : "no")}\">{HtmlEncode(text)}</span> (<a href=\"#multivariate-drift\">details</a>)</p>");
    }

    public static void Append(StringBuilder html, MultivariateDriftResult result)
    {
        html.Append("<section id=\"multivariate-drift\"><h2>Multivariate drift</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{result.Features.Count} features: {HtmlEncode(string.Join(", ", result.Features))}</p>");
        html.Append("<table id=\"multivariate-table\"><thead><tr><th>Check</th><th>Current</th><th>Reference</th><th>Drift when</th><th>Drifted</th></tr></thead><tbody>");
        foreach (var check in Checks(result))
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(check.Drifted ? "drifted" : "")}\"><td>{HtmlEncode(check.Name)}</td><td class=\"n\">{SvgChart.Number(check.Value)}</td><td class=\"n\">{HtmlEncode(check.Reference)}</td><td>{HtmlEncode(check.Rule)}</td><td class=\"{(check.Drifted ? "yes" : "no")}\">{(check.Drifted ? "yes" : "no")}</td></tr>");
        }
        html.Append("</tbody></table>");
        if (result.DomainClassifier is { } dc)
        {
            html.Append("<p>Features the domain classifier used most:</p><ol id=\"domain-features\">");
            foreach (var f in dc.Importance.Where(f => f.Importance > 0).Take(PairsShown))
                html.Append(CultureInfo.InvariantCulture, $"<li>{HtmlEncode(f.Feature)} ({f.Importance:P0})</li>");
            html.Append("</ol>");
        }
        if (result.Correlation is { } c)
        {
            html.Append("<table class=\"sortable\" id=\"correlation-table\"><thead><tr><th>Pair</th><th data-type=\"num\">Reference</th><th data-type=\"num\">Current</th><th data-type=\"num\">Change</th></tr></thead><tbody>");
            foreach (var pair in c.Pairs.Take(PairsShown))
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{HtmlEncode(pair.First)} &times; {HtmlEncode(pair.Second)}</td><td class=\"n\">{SvgChart.Number(pair.Reference)}</td><td class=\"n\">{SvgChart.Number(pair.Current)}</td><td class=\"n\" data-v=\"{HtmlReportWriter.Raw(pair.Change)}\">{SvgChart.Number(pair.Change)}</td></tr>");
            html.Append("</tbody></table>");
        }
        if (result.Notes.Count > 0)
        {
            html.Append("<ul class=\"meta\" id=\"multivariate-notes\">");
            foreach (var note in result.Notes) html.Append("<li>").Append(HtmlEncode(note)).Append("</li>");
            html.Append("</ul>");
        }
        html.Append("</section>");
    }

    private static IEnumerable<(string Name, double Value, string Reference, string Rule, bool Drifted)> Checks(MultivariateDriftResult result)
    {
        if (result.Pca is { } pca)
            yield return ("PCA reconstruction error", pca.Error.Value, SvgChart.Number(pca.Error.ReferenceValue),
                $"outside [{SvgChart.Number(pca.Error.LowerThreshold)}, {SvgChart.Number(pca.Error.UpperThreshold)}] ({pca.Components} components, {pca.ExplainedVariance:P0} of variance)", pca.Error.Drifted);
        if (result.Mahalanobis is { } m)
            yield return ("Mahalanobis distance (mean)", m.Distance.Value, SvgChart.Number(m.Distance.ReferenceValue),
                $"outside [{SvgChart.Number(m.Distance.LowerThreshold)}, {SvgChart.Number(m.Distance.UpperThreshold)}]; {m.ShareBeyond:P1} of current rows beyond the {m.Quantile:P1} chi-square quantile (reference {m.ReferenceShareBeyond:P1})", m.Distance.Drifted);
        if (result.DomainClassifier is { } dc)
            yield return ("Domain classifier ROC AUC", dc.RocAuc, "0.5", $"above {SvgChart.Number(dc.Threshold)}", dc.Drifted);
        if (result.Correlation is { } c)
            yield return ("Largest correlation change", c.MaxAbsoluteChange, "0", $"any change above {SvgChart.Number(c.Threshold)} ({c.ChangedPairs} pairs)", c.Drifted);
    }
}
