using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Fathom.Cli.Tests.Monitor;

public sealed class MonitorReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-monitor-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Report_writes_html_and_prints_the_drift_summary()
    {
        var (reference, current) = WriteData();
        var output = Path.Combine(_dir, "report.html");

        var (code, text) = await Run("monitor", "report", "--reference", reference, "--current", current, "--target", "y", "-o", output);

        Assert.Equal(0, code);
        Assert.Contains("Dataset drift: yes", text);
        Assert.Contains("Report written to", text);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Report_writes_json_with_the_data_drift_section()
    {
        var (reference, current) = WriteData();
        var output = Path.Combine(_dir, "report.out");

        var (code, _) = await Run("monitor", "report", "--reference", reference, "--current", current, "--preset", "drift", "--format", "json", "-o", output);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var drift = json.RootElement.GetProperty("data_drift");
        Assert.Equal(["x", "shifted", "y"], drift.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("column").GetString()));
        Assert.False(json.RootElement.TryGetProperty("data_quality", out _));
    }

    [Fact]
    public async Task A_missing_target_column_is_named_without_a_stack_trace()
    {
        var (reference, current) = WriteData();

        var (code, text) = await Run("monitor", "report", "--reference", reference, "--current", current, "--target", "churn", "-o", Path.Combine(_dir, "r.html"));

        Assert.Equal(1, code);
        Assert.Contains("The target column 'churn' is not in the data.", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task Mismatched_columns_and_empty_files_are_clear_errors()
    {
        var (reference, _) = WriteData();
        var other = Path.Combine(_dir, "other.csv");
        await File.WriteAllTextAsync(other, "x,z\n1,2\n");
        var empty = Path.Combine(_dir, "empty.csv");
        await File.WriteAllTextAsync(empty, "x,shifted,y\n");

        var (mismatchCode, mismatch) = await Run("monitor", "report", "--reference", reference, "--current", other, "-o", Path.Combine(_dir, "a.html"));
        var (emptyCode, emptyText) = await Run("monitor", "report", "--reference", reference, "--current", empty, "-o", Path.Combine(_dir, "b.html"));

        Assert.Equal(1, mismatchCode);
        Assert.Contains("only in the reference: 'shifted', 'y'", mismatch);
        Assert.Equal(1, emptyCode);
        Assert.Contains("The current data has no rows.", emptyText);
    }

    [Fact]
    public async Task Test_suite_exits_1_when_a_test_fails_and_0_when_all_pass()
    {
        var (reference, current) = WriteData();
        var failing = Path.Combine(_dir, "failing.yaml");
        await File.WriteAllTextAsync(failing, "preset: drift\ntests:\n  - metric: data_drift.dataset_drift\n    eq: false\n");
        var passing = Path.Combine(_dir, "passing.yaml");
        await File.WriteAllTextAsync(passing, "tests:\n  - metric: data_drift.columns[x].drifted\n    eq: false\n  - metric: data_quality.current.rows\n    gte: 100\n");

        var (failCode, failText) = await Run("monitor", "test", "--suite", failing, "--reference", reference, "--current", current, "--target", "y");
        var (passCode, passText) = await Run("monitor", "test", "--suite", passing, "--reference", reference, "--current", current, "--target", "y");

        Assert.Equal(1, failCode);
        Assert.Contains("0 passed, 0 warnings, 1 failed.", failText);
        Assert.Equal(0, passCode);
        Assert.Contains("2 passed, 0 warnings, 0 failed.", passText);
    }

    private (string Reference, string Current) WriteData()
    {
        var random = new Random(7);
        string Rows(double shift)
        {
            var text = new StringBuilder("x,shifted,y\n");
            for (var i = 0; i < 300; i++)
                text.Append(CultureInfo.InvariantCulture, $"{random.NextDouble()},{random.NextDouble() + shift},{random.NextDouble() + shift}\n");
            return text.ToString();
        }
        var reference = Path.Combine(_dir, "ref.csv");
        var current = Path.Combine(_dir, "cur.csv");
        File.WriteAllText(reference, Rows(0));
        File.WriteAllText(current, Rows(0.5));
        return (reference, current);
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        var code = await FathomApp.RunAsync(args, console, _ => null);
        return (code, writer.ToString());
    }
}
