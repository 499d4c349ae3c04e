using System.Globalization;
using System.Text;
using Fathom.Monitoring.Performance;
using Fathom.Monitoring.TargetDrift;
using static System.Net.WebUtility;

namespace Fathom.Monitoring.Reports.Html;

/// <summary>The model performance sections of the HTML report: metric tables, confusion matrices, ROC/PR and reliability curves, error histogram and error bias.</summary>
internal static class PerformanceSection
{
    private const string Reference = "var(--ref)", Current = "var(--cur)";

    public static void Highlights(StringBuilder html, MonitoringReport report)
    {
        if (report.Classification is { } c)
            html.Append(CultureInfo.InvariantCulture,
                $"<p id=\"classification-summary\">Classification ({HtmlEncode(c.Target)}): accuracy {N(c.Reference.Accuracy)} &rarr; {N(c.Current.Accuracy)}, F1 {N(c.Reference.F1)} &rarr; {N(c.Current.F1)}{(c.Current.RocAuc is null ? "" : $", ROC AUC {N(c.Reference.RocAuc)} &rarr; {N(c.Current.RocAuc)}")} (reference &rarr; current).</p>");
        if (report.Regression is { } r)
            html.Append(CultureInfo.InvariantCulture,
                $"<p id=\"regression-summary\">Regression ({HtmlEncode(r.Target)}): MAE {N(r.Reference.MeanAbsError)} &rarr; {N(r.Current.MeanAbsError)}, RMSE {N(r.Reference.Rmse)} &rarr; {N(r.Current.Rmse)} (reference &rarr; current).</p>");
    }

    public static void Classification(StringBuilder html, ClassificationPerformance p)
    {
        html.Append("<section id=\"classification\"><h2>Classification performance</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Target {HtmlEncode(p.Target)} &middot; labels {HtmlEncode(string.Join(", ", p.Labels))}{(p.PositiveLabel is null ? "" : $" &middot; positive label {HtmlEncode(p.PositiveLabel)}")}</p>");
        MetricTable(html, "classification-metrics", [
            ("Accuracy", p.Reference.Accuracy, p.Current.Accuracy), ("Precision", p.Reference.Precision, p.Current.Precision),
            ("Recall", p.Reference.Recall, p.Current.Recall), ("F1", p.Reference.F1, p.Current.F1),
            ("ROC AUC", p.Reference.RocAuc, p.Current.RocAuc), ("PR AUC", p.Reference.PrAuc, p.Current.PrAuc),
            ("Log-loss", p.Reference.LogLoss, p.Current.LogLoss), ("Brier score", p.Reference.BrierScore, p.Current.BrierScore)]);
        html.Append("<h3>By class</h3><table class=\"sortable\" id=\"class-table\"><thead><tr><th>Class</th><th data-type=\"num\">Support (ref)</th><th data-type=\"num\">Support (cur)</th>");
        html.Append("<th data-type=\"num\">Precision (ref)</th><th data-type=\"num\">Precision (cur)</th><th data-type=\"num\">Recall (ref)</th><th data-type=\"num\">Recall (cur)</th><th data-type=\"num\">F1 (ref)</th><th data-type=\"num\">F1 (cur)</th></tr></thead><tbody>");
        for (var k = 0; k < p.Labels.Count; k++)
        {
            ClassQuality r = p.Reference.Classes[k], c = p.Current.Classes[k];
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(p.Labels[k])}</td><td class=\"n\">{r.Support}</td><td class=\"n\">{c.Support}</td>");
            foreach (var v in new[] { r.Precision, c.Precision, r.Recall, c.Recall, r.F1, c.F1 })
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-v=\"{HtmlReportWriter.Raw(v ?? double.NaN)}\">{N(v)}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table><div class=\"pair\">");
        Confusion(html, "confusion-reference", "Reference", p.Labels, p.Reference.ConfusionMatrix);
        Confusion(html, "confusion-current", "Current", p.Labels, p.Current.ConfusionMatrix);
        html.Append("</div>");
        if (p.Current.Curves.Count > 0 || p.Reference.Curves.Count > 0)
        {
            html.Append("<h3>ROC and precision-recall curves</h3><div class=\"pair\" id=\"curves\">");
            foreach (var label in p.Current.Curves.Select(c => c.Label))
            {
                var r = p.Reference.Curves.FirstOrDefault(c => c.Label == label);
                var c = p.Current.Curves.First(c => c.Label == label);
                html.Append(LineChart.Draw($"ROC: {label}", "false positive rate", "true positive rate", true,
                    Series("reference", Reference, r?.Roc), Series("current", Current, c.Roc)));
                html.Append(LineChart.Draw($"Precision-recall: {label}", "recall", "precision", false,
                    Series("reference", Reference, r?.PrecisionRecall), Series("current", Current, c.PrecisionRecall)));
            }
            html.Append("</div><h3>Calibration (reliability)</h3><div class=\"pair\" id=\"calibration\">");
            foreach (var c in p.Current.Calibration)
            {
                var r = p.Reference.Calibration.FirstOrDefault(x => x.Label == c.Label);
                html.Append(LineChart.Draw($"Reliability: {c.Label} (Brier {N(r?.BrierScore)} → {N(c.BrierScore)})", "mean predicted", "fraction positive", true,
                    new LineChart.Series("reference", Reference, r?.MeanPredicted ?? [], r?.FractionPositive ?? []),
                    new LineChart.Series("current", Current, c.MeanPredicted, c.FractionPositive)));
            }
            html.Append("</div>");
        }
        html.Append("</section>");
    }

    public static void Regression(StringBuilder html, RegressionPerformance p)
    {
        html.Append("<section id=\"regression\"><h2>Regression performance</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Target {HtmlEncode(p.Target)} &middot; prediction {HtmlEncode(p.Prediction)} &middot; error = prediction - target</p>");
        RegressionQuality r = p.Reference, c = p.Current;
        MetricTable(html, "regression-metrics", [
            ("Mean error", r.MeanError, c.MeanError), ("MAE", r.MeanAbsError, c.MeanAbsError), ("RMSE", r.Rmse, c.Rmse),
            ("MAPE (%)", r.MeanAbsPercError, c.MeanAbsPercError), ("R²", r.R2Score, c.R2Score), ("Max absolute error", r.AbsErrorMax, c.AbsErrorMax),
            ("Error std", r.ErrorStd, c.ErrorStd)]);
        html.Append("<h3>Error distribution</h3><div id=\"error-histogram\">").Append(SvgChart.Draw(p.ErrorHistogram)).Append("</div>");
        html.Append("<h3>Error bias by feature</h3><p class=\"meta\">Feature value over all rows, over the 5% most underestimated and the 5% most overestimated rows; range: how far apart (numerical: % of the feature's range).</p>");
        html.Append("<table class=\"sortable\" id=\"error-bias\"><thead><tr><th>Feature</th><th>Type</th><th>Majority (cur)</th><th>Under (cur)</th><th>Over (cur)</th><th data-type=\"num\">Range (ref)</th><th data-type=\"num\">Range (cur)</th></tr></thead><tbody>");
        foreach (var b in p.ErrorBias)
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlEncode(b.Feature)}</td><td>{b.FeatureType}</td><td>{Value(b.Current.Majority)}</td><td>{Value(b.Current.Under)}</td><td>{Value(b.Current.Over)}</td>" +
                $"<td class=\"n\" data-v=\"{HtmlReportWriter.Raw(b.Reference.Range)}\">{N(b.Reference.Range)}</td><td class=\"n\" data-v=\"{HtmlReportWriter.Raw(b.Current.Range)}\">{N(b.Current.Range)}</td></tr>");
        html.Append("</tbody></table></section>");
    }

    public static void Correlations(StringBuilder html, TargetCorrelations correlations)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"target-correlations\"><h2>Correlation with the target ({HtmlEncode(correlations.Target)})</h2>");
        html.Append("<table class=\"sortable\"><thead><tr><th>Feature</th><th>Method</th><th data-type=\"num\">Reference</th><th data-type=\"num\">Current</th><th data-type=\"num\">Change</th></tr></thead><tbody>");
        foreach (var f in correlations.Features)
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlEncode(f.Feature)}</td><td>{f.Method}</td><td class=\"n\">{N(f.Reference)}</td><td class=\"n\">{N(f.Current)}</td><td class=\"n\" data-v=\"{HtmlReportWriter.Raw(f.Difference)}\">{N(f.Difference)}</td></tr>");
        html.Append("</tbody></table></section>");
    }

    private static void MetricTable(StringBuilder html, string id, (string Name, double? Reference, double? Current)[] rows)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"{id}\"><thead><tr><th>Metric</th><th>Reference</th><th>Current</th><th>Change</th></tr></thead><tbody>");
        foreach (var (name, r, c) in rows)
        {
            if (r is null && c is null) continue;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{name}</td><td class=\"n\">{N(r)}</td><td class=\"n\">{N(c)}</td><td class=\"n\">{N(c - r)}</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void Confusion(StringBuilder html, string id, string title, IReadOnlyList<string> labels, long[][] matrix)
    {
        var max = Math.Max(1, matrix.SelectMany(r => r).DefaultIfEmpty(0).Max());
        html.Append(CultureInfo.InvariantCulture, $"<div><h3>Confusion matrix: {title}</h3><table class=\"confusion\" id=\"{id}\"><thead><tr><th>actual \\ predicted</th>");
        foreach (var l in labels) html.Append(CultureInfo.InvariantCulture, $"<th>{HtmlEncode(l)}</th>");
        html.Append("</tr></thead><tbody>");
        for (var r = 0; r < labels.Count; r++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{HtmlEncode(labels[r])}</th>");
            foreach (var v in matrix[r])
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" style=\"background:rgba(76,120,168,{0.08 + 0.7 * v / max:0.00})\">{v}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
    }

    private static LineChart.Series Series(string name, string color, Curve? curve) => new(name, color, curve?.X ?? [], curve?.Y ?? []);

    private static string Value(object? value) => value switch
    {
        double d => N(d),
        string s => HtmlEncode(s),
        _ => "-",
    };

    private static string N(double? value) => value is { } v ? SvgChart.Number(v) : "-";
}
