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

    public static async Task LogAsync(IAnsiConsole console, CliEnvironment env, string? logToRun, string? experiment, string? trackingUri, MonitoringReport report, CancellationToken ct)
    {
        if (logToRun is null && experiment is null) return;
        using var client = env.CreateClient(trackingUri);
        var runId = logToRun;
        if (runId is null)
        {
            var experimentId = await client.GetOrCreateExperimentAsync(experiment!, ct);
            runId = (await client.CreateRunAsync(experimentId, $"monitoring {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm}", ct: ct)).Info.RunId;
        }
        await LogAsync(client, runId, report, step: 0, ct);
        var windowMetrics = await LogWindowsAsync(client, runId, report, ct);
        if (experiment is not null) await client.UpdateRunAsync(runId, RunStatus.Finished, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ct: ct);
        console.MarkupLineInterpolated($"Logged {ReportMetrics.KeyNumbers(report).Count + windowMetrics} metrics and the report to run [bold]{runId}[/].");
    }

    /// <summary>Logs one report's metrics at step 0 and the report (HTML and JSON) as artifacts.</summary>
    public static async Task LogAsync(FathomClient client, string runId, MonitoringReport report, long step, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await LogMetricsAsync(client, runId, ReportMetrics.KeyNumbers(report).Select(m => new Metric(m.Key, m.Value, now, step)), ct);
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

    /// <summary>
    /// Per-window metrics: the same keys under "windows.", step = window index, timestamp = window start (the time the
    /// window's data is about, so a tracking UI's time axis shows when drift started). Returns how many were logged.
    /// </summary>
    public static async Task<int> LogWindowsAsync(FathomClient client, string runId, MonitoringReport report, CancellationToken ct)
    {
        if (report.Windows is not { } windows) return 0;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var metrics = windows.Windows.SelectMany(w => ReportMetrics.KeyNumbers(w.Report, "windows.")
            .Select(m => new Metric(m.Key, m.Value, w.Start?.ToUnixTimeMilliseconds() ?? now, w.Index))).ToList();
        await LogMetricsAsync(client, runId, metrics, ct);
        return metrics.Count;
    }

    private static async Task LogMetricsAsync(FathomClient client, string runId, IEnumerable<Metric> metrics, CancellationToken ct)
    {
        foreach (var batch in metrics.Chunk(1000)) await client.LogBatchAsync(runId, batch, ct: ct);
    }
}
