using System.Text.Json;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Reports;

namespace Fathom.Monitoring.Tests.Performance;

/// <summary>
/// Every number tools/oracle/performance_oracle.py computed with scikit-learn/SciPy, compared with Fathom's JSON report
/// at the same path: within 1e-9 relative (1e-12 absolute near zero); labels, counts and nulls exactly.
/// </summary>
public sealed class PerformanceOracleTests
{
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Tables.Fixture("performance/expected.json"))).RootElement;

    [Theory]
    [InlineData("binary", "classification", null)]
    [InlineData("multiclass", "classification", "a,b,c")]
    [InlineData("labels", "classification", null)]
    [InlineData("edges", "classification", null)]
    [InlineData("regression", "regression", null)]
    [InlineData("perfect", "regression", null)]
    [InlineData("correlations", "drift", null)]
    [InlineData("cramer", "drift", null)]
    public async Task Report_numbers_match_scikit_learn_and_scipy(string name, string preset, string? probabilities)
    {
        var reference = await TableReader.ReadAsync(Tables.Fixture($"performance/{name}_reference.csv"));
        var current = await TableReader.ReadAsync(Tables.Fixture($"performance/{name}_current.csv"));
        var mapping = new ColumnMapping { PredictionProbabilities = probabilities?.Split(',') };
        var report = MonitoringReportBuilder.Build(reference, current, mapping, new ReportOptions { Preset = Enum.Parse<ReportPreset>(preset, ignoreCase: true) });
        var json = JsonDocument.Parse(ReportJsonWriter.ToJson(report)).RootElement;

        var mismatches = new List<string>();
        var checkedValues = 0;
        foreach (var property in Expected.GetProperty(name).EnumerateObject())
        {
            checkedValues++;
            var actual = JsonPath.Find(json, property.Name);
            if (actual is not { } value)
            {
                mismatches.Add($"{property.Name}: missing");
                continue;
            }
            if (!Agrees(property.Value, value)) mismatches.Add($"{property.Name}: expected {property.Value.GetRawText()}, got {value.GetRawText()}");
        }

        Assert.True(checkedValues > 3);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(30)));
    }

    private static bool Agrees(JsonElement expected, JsonElement actual) => expected.ValueKind switch
    {
        JsonValueKind.Null => actual.ValueKind == JsonValueKind.Null,
        JsonValueKind.String => actual.ValueKind == JsonValueKind.String && actual.GetString() == expected.GetString(),
        JsonValueKind.Number => actual.ValueKind == JsonValueKind.Number && Close(expected.GetDouble(), actual.GetDouble()),
        _ => false,
    };

    private static bool Close(double expected, double actual) =>
        Math.Abs(expected - actual) <= Math.Max(1e-12, 1e-9 * Math.Abs(expected));
}
