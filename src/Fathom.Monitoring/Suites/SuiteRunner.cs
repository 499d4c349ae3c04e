using System.Globalization;
using System.Text.Json;
using Fathom.Core.Errors;
using Fathom.Monitoring.Reports;

namespace Fathom.Monitoring.Suites;

/// <summary>The outcome of one test: "pass", "warning" or "fail", and the metric's actual value.</summary>
public sealed record SuiteTestResult(SuiteTest Test, string Status, string Actual);

/// <summary>
/// Evaluates a suite against a report. Metrics are read from the report's JSON (docs/monitoring-reports.md), so every
/// number a report holds can be tested. <c>name[key]</c> picks the array element whose "column", "label" or "feature" is <c>key</c>;
/// <c>name[*]</c> tests every element (e.g. <c>windows[*].data_drift.dataset_drift</c>: no window may drift).
/// </summary>
public static class SuiteRunner
{
    public static IReadOnlyList<SuiteTestResult> Run(TestSuite suite, MonitoringReport report)
    {
        using var json = JsonDocument.Parse(ReportJsonWriter.ToJson(report));
        var tests = suite.Tests.Concat(suite.Presets.SelectMany(p => TestPresets.Generate(p, report)));
        return tests.Select(test => EvaluateAll(test, Resolve(json.RootElement, test))).ToList();
    }

    // A path with [*] tests every element (e.g. every window): the test passes when all do, and reports the first that does not.
    private static SuiteTestResult EvaluateAll(SuiteTest test, List<(string Where, JsonElement Value)> values)
    {
        if (values.Count == 0) return new SuiteTestResult(test, "pass", "no elements");
        var results = values.Select(v => (v.Where, Result: Evaluate(test, v.Value))).ToList();
        var failed = results.FirstOrDefault(r => r.Result.Status != "pass");
        if (values.Count == 1 && values[0].Where.Length == 0) return results[0].Result;
        return failed.Result is { } first
            ? first with { Actual = $"{first.Actual} at {failed.Where} ({results.Count(r => r.Result.Status != "pass")} of {results.Count} do not pass)" }
            : new SuiteTestResult(test, "pass", $"all {results.Count} pass");
    }

    private static SuiteTestResult Evaluate(SuiteTest test, JsonElement value)
    {
        // A metric naming a score object (e.g. multivariate.pca_reconstruction_error) compares its "value".
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("value", out var inner)) value = inner;
        var actual = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        var passed = value.ValueKind switch
        {
            JsonValueKind.Number => Compare(test, value.GetDouble()),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.String => CompareText(test, actual),
            _ => false,
        };
        var status = passed ? "pass" : test.Severity == TestSeverity.Warning ? "warning" : "fail";
        return new SuiteTestResult(test, status, actual);
    }

    private static bool Compare(SuiteTest test, double actual)
    {
        var operands = test.Operands.Select(o => Number(test, o)).ToList();
        return test.Condition switch
        {
            "gt" => actual > operands[0],
            "gte" => actual >= operands[0],
            "lt" => actual < operands[0],
            "lte" => actual <= operands[0],
            "eq" => actual == operands[0],
            "not_eq" => actual != operands[0],
            "between" => actual >= operands[0] && actual <= operands[1],
            _ => operands.Contains(actual),
        };
    }

    private static bool CompareText(SuiteTest test, string actual) => test.Condition switch
    {
        "eq" => string.Equals(actual, test.Operands[0], StringComparison.OrdinalIgnoreCase),
        "not_eq" => !string.Equals(actual, test.Operands[0], StringComparison.OrdinalIgnoreCase),
        "in" => test.Operands.Contains(actual, StringComparer.OrdinalIgnoreCase),
        _ => throw FathomException.InvalidParameter($"Test '{test.Name}': '{test.Condition}' compares numbers, but {test.Metric} is '{actual}'."),
    };

    private static double Number(SuiteTest test, string operand) =>
        double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw FathomException.InvalidParameter($"Test '{test.Name}': '{operand}' is not a number.");

    private static List<(string Where, JsonElement Value)> Resolve(JsonElement root, SuiteTest test)
    {
        var found = new List<(string Where, JsonElement Value)> { ("", root) };
        foreach (var part in test.Metric.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            var next = new List<(string, JsonElement)>();
            foreach (var (where, element) in found)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var child))
                    throw NotFound(test, name);
                if (bracket < 0)
                {
                    next.Add((where, child));
                    continue;
                }
                var key = part[(bracket + 1)..].TrimEnd(']');
                var items = child.ValueKind == JsonValueKind.Array ? child.EnumerateArray().ToList() : [];
                if (key == "*")
                {
                    next.AddRange(items.Select((item, i) => ($"{name}[{i}]", item)));
                    continue;
                }
                var match = items.Where(e => KeyOf(e) == key).ToList();
                if (match.Count == 0) throw NotFound(test, $"{name}[{key}]");
                next.Add((where, match[0]));
            }
            found = next;
        }
        return found;
    }

    private static string? KeyOf(JsonElement element)
    {
        foreach (var name in new[] { "column", "label", "feature" })
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var key) && key.ValueKind == JsonValueKind.String)
                return key.GetString();
        return null;
    }

    private static FathomException NotFound(SuiteTest test, string part) => FathomException.InvalidParameter(
        $"Test '{test.Name}' refers to metric '{test.Metric}', which the report does not have ('{part}' not found; see docs/monitoring-reports.md for the metric names, and check the suite's preset).");
}
