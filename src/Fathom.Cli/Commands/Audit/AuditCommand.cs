using System.ComponentModel;
using System.Globalization;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Audit;

[Description("Show the audit trail: who changed what and when, newest first.")]
internal sealed class AuditCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<AuditCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandOption("--resource-type <TYPE>")]
        [Description("experiment, run, registered_model, model_version, registered_model_alias, user, experiment_permission, registered_model_permission or api_token.")]
        public string? ResourceType { get; set; }

        [CommandOption("--resource-id <ID>")]
        [Description("The resource's id (experiment id, run id, model name, name/version, name@alias, username).")]
        public string? ResourceId { get; set; }

        [CommandOption("--user <USERNAME>")]
        [Description("Only changes made by this user.")]
        public string? User { get; set; }

        [CommandOption("--since <TIME>")]
        [Description("Only changes at or after this time (ISO 8601, e.g. 2026-11-27T08:00Z, or a date).")]
        public string? Since { get; set; }

        [CommandOption("--until <TIME>")]
        [Description("Only changes at or before this time.")]
        public string? Until { get; set; }

        public override ValidationResult Validate() =>
            ResourceId is not null && ResourceType is null ? ValidationResult.Error("--resource-id needs --resource-type.")
            : Since is not null && !TryParseTime(Since, out _) ? ValidationResult.Error($"--since '{Since}' is not a date or time.")
            : Until is not null && !TryParseTime(Until, out _) ? ValidationResult.Error($"--until '{Until}' is not a date or time.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var filter = new AuditFilter(settings.ResourceType, settings.ResourceId, settings.User, Time(settings.Since), Time(settings.Until));
        var events = new List<AuditEvent>();
        await foreach (var auditEvent in client.SearchAuditEventsAsync(filter, ct))
            events.Add(auditEvent);
        if (settings.Json)
        {
            Output.Json(console, new { events });
            return ExitCodes.Success;
        }
        var table = Output.Table("Time", "User", "Action", "Resource", "Id", "Before", "After");
        foreach (var e in events)
            table.Row(Output.Time(e.Timestamp), e.Username ?? "-", e.Action, e.ResourceType, e.ResourceId, Short(e.Before), Short(e.After));
        console.Write(table);
        return ExitCodes.Success;
    }

    private static string Short(System.Text.Json.JsonElement? json)
    {
        var text = json?.GetRawText() ?? "";
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static DateTimeOffset? Time(string? text) => text is not null && TryParseTime(text, out var time) ? time : null;

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
}
