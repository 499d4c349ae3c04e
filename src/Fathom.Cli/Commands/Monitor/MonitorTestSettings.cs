using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Monitor;

/// <summary>The report options plus the suite; the output file is optional here (the suite's verdict is the point).</summary>
internal sealed class MonitorTestSettings : MonitorReportSettings
{
    [CommandOption("--suite <PATH>")]
    [Description("Test suite (YAML or JSON): tests naming a metric and a condition (gt, gte, lt, lte, eq, not_eq, between, in).")]
    public string? Suite { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Suite)) return ValidationResult.Error("--suite is required.");
        if (string.IsNullOrWhiteSpace(Reference)) return ValidationResult.Error("--reference is required.");
        if (string.IsNullOrWhiteSpace(Current)) return ValidationResult.Error("--current is required.");
        if (DriftShare is <= 0 or > 1) return ValidationResult.Error("--drift-share must be in (0, 1].");
        return ValidationResult.Success();
    }
}
