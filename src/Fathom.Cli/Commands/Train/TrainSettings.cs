using System.ComponentModel;
using Fathom.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Train;

internal sealed class TrainSettings : ClientSettings
{
    [CommandOption("--data <PATH>")]
    [Description("Training data: .csv or .parquet (also .json/.jsonl).")]
    public string? Data { get; init; }

    [CommandOption("--label <COLUMN>")]
    [Description("The column to predict.")]
    public string? Label { get; init; }

    [CommandOption("--label-expr <EXPR>")]
    [Description("A binary label from one column, e.g. \"delay > 15\" (op: > >= < <= == !=).")]
    public string? LabelExpression { get; init; }

    [CommandOption("--task <TASK>")]
    [Description("binary, multiclass or regression.")]
    public string? Task { get; init; }

    [CommandOption("--features <COLUMNS>")]
    [Description("Comma-separated feature columns (default: every column but the label's).")]
    public string? Features { get; init; }

    [CommandOption("--trainer <NAME>")]
    [Description("lightgbm (default), fasttree, fastforest, sdca or lbfgs.")]
    [DefaultValue("lightgbm")]
    public string Trainer { get; init; } = "lightgbm";

    [CommandOption("--param <KEY=VALUE>")]
    [Description("A trainer option by name, e.g. NumberOfLeaves=31 (repeatable).")]
    public string[] Parameters { get; init; } = [];

    [CommandOption("--sweep <KEY=V1,V2>")]
    [Description("Values to try for a trainer option (repeatable: a grid); one child run per combination.")]
    public string[] Sweep { get; init; } = [];

    [CommandOption("--validation-split <SHARE>")]
    [Description("Share of rows held out for validation (default 0.2), seeded.")]
    [DefaultValue(0.2)]
    public double ValidationSplit { get; init; } = 0.2;

    [CommandOption("--validation <PATH>")]
    [Description("A separate validation file (instead of --validation-split).")]
    public string? Validation { get; init; }

    [CommandOption("--seed <N>")]
    [DefaultValue(42)]
    public int Seed { get; init; } = 42;

    [CommandOption("-e|--experiment <NAME>")]
    [Description("Experiment name (created if missing; default \"Default\").")]
    [DefaultValue("Default")]
    public string Experiment { get; init; } = "Default";

    [CommandOption("--run-name <NAME>")]
    public string? RunName { get; init; }

    [CommandOption("--register <NAME>")]
    [Description("Register the model under this name.")]
    public string? Register { get; init; }

    [CommandOption("--alias <ALIAS>")]
    [Description("Point this alias at the registered version (needs --register).")]
    public string? Alias { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Data)) return ValidationResult.Error("--data is required.");
        if (!Enum.TryParse<TrainingTask>(Task, ignoreCase: true, out _) || int.TryParse(Task, out _))
            return ValidationResult.Error("--task is required: binary, multiclass or regression.");
        if (Label is null && LabelExpression is null) return ValidationResult.Error("--label or --label-expr is required.");
        if (Label is not null && LabelExpression is not null) return ValidationResult.Error("Give --label or --label-expr, not both.");
        if (Alias is not null && Register is null) return ValidationResult.Error("--alias needs --register NAME.");
        foreach (var p in Parameters.Concat(Sweep))
            if (!p.Contains('=') || p.StartsWith('=')) return ValidationResult.Error($"'{p}' is not KEY=VALUE.");
        return ValidationResult.Success();
    }

    public TrainingRequest ToRequest() => new()
    {
        DataPath = Data!,
        Task = Enum.Parse<TrainingTask>(Task!, ignoreCase: true),
        Label = Label,
        LabelExpression = LabelExpression,
        Features = Features?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
        Trainer = Trainer,
        Parameters = Parameters.Select(Pair).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
        Sweep = Sweep.Select(Pair).ToDictionary(p => p.Key,
            p => (IReadOnlyList<string>)p.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase),
        ValidationSplit = ValidationSplit,
        ValidationPath = Validation,
        Seed = Seed,
        Experiment = Experiment,
        RunName = RunName,
        RegisterAs = Register,
        Alias = Alias,
    };

    private static KeyValuePair<string, string> Pair(string text)
    {
        var i = text.IndexOf('=');
        return KeyValuePair.Create(text[..i].Trim(), text[(i + 1)..].Trim());
    }
}
