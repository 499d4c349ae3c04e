using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Fathom.Monitoring.Reports;
using Fathom.Monitoring.Reports.Html;
using Spectre.Console;

namespace Fathom.Cli.Commands.Monitor;

/// <summary>
/// <c>--log-to-run</c> / <c>--experiment</c>: logs a report's key numbers (<see cref="ReportMetrics"/>) as metrics and the
/// report itself, as HTML and JSON, as artifacts under <c>monitoring/</c>. With --experiment a new run is created and finished.
/// </summary>
internal static class MonitorTracking
{
    public const string ArtifactDirectory = "monitoring";

    public static async Task LogAsync(IAnsiConsole console, CliEnvironment env, MonitorReportSettings settings, MonitoringReport report, CancellationToken ct)
    {
        if (settings.LogToRun is null && settings.Experiment is null) return;
        using var client = env.CreateClient(settings.TrackingUri);
        var runId = settings.LogToRun;
        if (runId is null)
        {
            var experimentId = await client.GetOrCreateExperimentAsync(settings.Experiment!, ct);
            runId = (await client.CreateRunAsync(experimentId, $"monitoring {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm}", ct: ct)).Info.RunId;
        }
        await LogAsync(client, runId, report, step: 0, ct);
        if (settings.Experiment is not null) await client.UpdateRunAsync(runId, RunStatus.Finished, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ct: ct);
        console.MarkupLineInterpolated($"Logged {ReportMetrics.KeyNumbers(report).Count} metrics and the report to run [bold]{runId}[/].");
    }

    /// <summary>Logs one report; <paramref name="step"/> is the window index when a report is computed per time window.</summary>
    public static async Task LogAsync(FathomClient client, string runId, MonitoringReport report, long step, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var metrics = ReportMetrics.KeyNumbers(report).Select(m => new Metric(m.Key, m.Value, now, step)).ToList();
        foreach (var batch in metrics.Chunk(1000)) await client.LogBatchAsync(runId, batch, ct: ct);
        var directory = Directory.CreateTempSubdirectory("fathom-monitor-").FullName;
        try
        {
            HtmlReportWriter.Write(report, Path.Combine(directory, "report.html"));
            await using (var json = File.Create(Path.Combine(directory, "report.json"))) ReportJsonWriter.Write(report, json);
            await client.LogArtifactAsync(runId, directory, ArtifactDirectory, ct: ct);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
