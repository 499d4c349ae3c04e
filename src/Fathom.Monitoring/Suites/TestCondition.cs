using System.Globalization;

namespace Fathom.Monitoring.Suites;

/// <summary>A condition on a metric: its name (gt, gte, lt, lte, eq, not_eq, between, in) and operands as text.</summary>
public sealed record TestCondition(string Name, IReadOnlyList<string> Operands)
{
    public static TestCondition Gt(double value) => new("gt", [Text(value)]);

    public static TestCondition Gte(double value) => new("gte", [Text(value)]);

    public static TestCondition Lt(double value) => new("lt", [Text(value)]);

    public static TestCondition Lte(double value) => new("lte", [Text(value)]);

    public static TestCondition Eq(double value) => new("eq", [Text(value)]);

    public static TestCondition Eq(bool value) => new("eq", [value ? "true" : "false"]);

    public static TestCondition Eq(string value) => new("eq", [value]);

    public static TestCondition NotEq(double value) => new("not_eq", [Text(value)]);

    public static TestCondition Between(double low, double high) => new("between", [Text(low), Text(high)]);

    public static TestCondition In(params string[] values) => new("in", values);

    /// <summary>
    /// Evidently's <c>eq=approx(value, relative=r, absolute=a)</c>: within max(r · |value|, a) of the value, written as
    /// <c>between</c> so the bounds show in the results.
    /// </summary>
    public static TestCondition Approx(double value, double relative = 0, double absolute = 0)
    {
        var tolerance = Math.Max(relative * Math.Abs(value), absolute);
        return Between(value - tolerance, value + tolerance);
    }

    public override string ToString() => Name == "between" ? $"between {Operands[0]} and {Operands[1]}" : $"{Name} {string.Join(", ", Operands)}";

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Builds a suite in code: <c>TestSuite.Create().Add("data_drift.share_of_drifted_columns", TestCondition.Lt(0.3)).Build()</c>.</summary>
public sealed class TestSuiteBuilder(string preset)
{
    private readonly List<SuiteTest> _tests = [];
    private readonly List<string> _presets = [];

    public TestSuiteBuilder Add(string metric, TestCondition condition, TestSeverity severity = TestSeverity.Fail, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!TestSuite.Conditions.Contains(condition.Name))
            throw new ArgumentException($"Condition '{condition.Name}' is unknown; use one of {string.Join(", ", TestSuite.Conditions)}.", nameof(condition));
        _tests.Add(new SuiteTest(name ?? $"{metric} {condition}", metric, condition.Name, condition.Operands, severity));
        return this;
    }

    /// <summary>Adds a test preset's tests (see <see cref="TestPresets.Names"/>); their conditions come from the reference when the suite runs.</summary>
    public TestSuiteBuilder AddPreset(string name)
    {
        TestPresets.CheckName(name, "the suite");
        _presets.Add(name);
        return this;
    }

    public TestSuite Build() => new(preset, [.. _tests]) { Presets = [.. _presets] };
}
