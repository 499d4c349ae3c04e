using System.Globalization;
using Fathom.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Fathom.Monitoring.Suites;

/// <summary>How a failed test counts: a warning is reported but does not fail the suite.</summary>
public enum TestSeverity
{
    Fail,
    Warning,
}

/// <summary>
/// One test: a metric (a path into the report's JSON, e.g. <c>data_drift.share_of_drifted_columns</c> or
/// <c>data_drift.columns[age].drift_score</c>), one condition (gt, gte, lt, lte, eq, not_eq, between, in) and a severity.
/// </summary>
public sealed record SuiteTest(string Name, string Metric, string Condition, IReadOnlyList<string> Operands, TestSeverity Severity);

/// <summary>
/// A declarative test suite, loaded from YAML or JSON (YAML is a superset) or built in code with <see cref="Create"/>:
/// explicit tests, plus test presets whose tests and conditions are derived from the report (<see cref="TestPresets"/>).
/// </summary>
public sealed record TestSuite(string Preset, IReadOnlyList<SuiteTest> Tests)
{
    public static readonly string[] Conditions = ["gt", "gte", "lt", "lte", "eq", "not_eq", "between", "in"];

    /// <summary>Test presets to run besides <see cref="Tests"/> (data_stability, data_drift, no_target_performance, classification, regression).</summary>
    public IReadOnlyList<string> Presets { get; init; } = [];

    /// <summary>Starts a suite in code; <paramref name="preset"/> chooses the report sections (drift, quality, classification, regression, all).</summary>
    public static TestSuiteBuilder Create(string preset = "all") => new(preset);

    public static TestSuite Load(string path)
    {
        if (!File.Exists(path)) throw FathomException.NotFound($"Suite file '{path}' does not exist.");
        Dictionary<string, object?>? root;
        try
        {
            root = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw FathomException.InvalidParameter($"{path}: not valid YAML at line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        var presets = root?.GetValueOrDefault("presets") switch
        {
            null => [],
            List<object?> list => list.Select(Text).ToList(),
            var one => [Text(one)],
        };
        foreach (var name in presets) TestPresets.CheckName(name, path);
        var items = root?.GetValueOrDefault("tests") as List<object?> ?? [];
        if (root is null || (items.Count == 0 && presets.Count == 0))
            throw FathomException.InvalidParameter($"{path}: a suite needs a non-empty 'tests' list or 'presets'.");
        var preset = root.GetValueOrDefault("preset") as string ?? "all";
        return new TestSuite(preset, items.Select((item, i) => Parse(path, item, i + 1)).ToList()) { Presets = presets };
    }

    private static SuiteTest Parse(string path, object? item, int number)
    {
        if (item is not Dictionary<object, object?> test)
            throw FathomException.InvalidParameter($"{path}: test {number} must be a mapping with 'metric' and one condition.");
        var where = $"{path}: test {number}";
        var metric = test.GetValueOrDefault("metric") as string ?? throw FathomException.InvalidParameter($"{where} has no 'metric'.");
        var conditions = test.Keys.OfType<string>().Where(k => Conditions.Contains(k)).ToList();
        if (conditions.Count != 1)
            throw FathomException.InvalidParameter($"{where} ({metric}) needs exactly one condition of: {string.Join(", ", Conditions)}.");
        var condition = conditions[0];
        var operands = test[condition] is List<object?> list ? list.Select(Text).ToList() : [Text(test[condition])];
        if (condition == "between" && operands.Count != 2)
            throw FathomException.InvalidParameter($"{where} ({metric}): 'between' takes a list of two numbers [low, high].");
        var severity = (test.GetValueOrDefault("severity") as string ?? "fail") switch
        {
            "fail" => TestSeverity.Fail,
            "warning" => TestSeverity.Warning,
            var other => throw FathomException.InvalidParameter($"{where} ({metric}): severity '{other}' is unknown; use fail or warning."),
        };
        return new SuiteTest(test.GetValueOrDefault("name") as string ?? $"{metric} {condition} {string.Join(", ", operands)}", metric, condition, operands, severity);
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
}
