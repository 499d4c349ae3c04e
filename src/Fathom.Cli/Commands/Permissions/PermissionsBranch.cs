using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Permissions;

internal static class PermissionsBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("Grant, revoke and list users' permissions on experiments and registered models (needs MANAGE or admin).");
        branch.AddCommand<GrantPermissionCommand>("grant").WithExample("permissions", "grant", "alice", "EDIT", "--experiment", "12");
        branch.AddCommand<RevokePermissionCommand>("revoke").WithExample("permissions", "revoke", "alice", "--model", "churn");
        branch.AddCommand<ListPermissionsCommand>("list").WithExample("permissions", "list", "alice");
    }
}

/// <summary>A permission applies to one experiment or one registered model: exactly one of the two options.</summary>
public class PermissionTargetSettings : ClientSettings
{
    [CommandArgument(0, "<USERNAME>")]
    public string Username { get; set; } = "";

    [CommandOption("--experiment <EXPERIMENT>")]
    [System.ComponentModel.Description("Experiment id or name.")]
    public string? Experiment { get; set; }

    [CommandOption("--model <NAME>")]
    [System.ComponentModel.Description("Registered model name.")]
    public string? Model { get; set; }

    public override Spectre.Console.ValidationResult Validate() => (Experiment is null) == (Model is null)
        ? Spectre.Console.ValidationResult.Error("Give exactly one of --experiment and --model.")
        : Spectre.Console.ValidationResult.Success();
}
