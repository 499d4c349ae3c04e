using System.ComponentModel;
using Fathom.Monitoring.Suites;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Monitor;

/// <summary>
/// The report options plus the suite; here --preset names a test preset (data_stability, data_drift,
/// no_target_performance, classification, regression), and the output file is optional (the verdict is the point).
/// </summary>
internal sealed class MonitorTestSettings : MonitorReportSettings
{
    [CommandOption("--suite <PATH>")]
    [Description("Test suite (YAML or JSON): tests naming a metric and a condition (gt, gte, lt, lte, eq, not_eq, between, in), and/or presets.")]
    public string? Suite { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Suite) && Preset is null) return ValidationResult.Error("--suite or --preset is required.");
        if (Preset is not null && !TestPresets.Names.Contains(Preset))
            return ValidationResult.Error($"--preset '{Preset}' is unknown; use one of {string.Join(", ", TestPresets.Names)}.");
        if (string.IsNullOrWhiteSpace(Reference)) return ValidationResult.Error("--reference is required.");
        if (string.IsNullOrWhiteSpace(Current)) return ValidationResult.Error("--current is required.");
        return ValidateShared();
    }
}
