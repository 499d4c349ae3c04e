using Fathom.Client;
using Spectre.Console;

namespace Fathom.Cli.Commands.Artifacts;

/// <summary>
/// Shows artifact transfers: progress bars on a real terminal, one plain line per finished file otherwise
/// (logs, CI, pipes), nothing in --json mode.
/// </summary>
internal static class TransferDisplay
{
    public static async Task<IReadOnlyList<ArtifactTransferProgress>> RunAsync(
        IAnsiConsole console, bool json, Func<IProgress<ArtifactTransferProgress>, Task> transfer)
    {
        var finished = new Dictionary<string, ArtifactTransferProgress>();
        if (!json && console.Profile.Capabilities.Interactive && console.Profile.Out.IsTerminal)
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
                .StartAsync(async context =>
                {
                    var bars = new Dictionary<string, ProgressTask>();
                    await transfer(new Reporter(p =>
                    {
                        if (!bars.TryGetValue(p.Path, out var bar))
                            bars[p.Path] = bar = context.AddTask(Markup.Escape(p.Path), maxValue: Math.Max(1, p.TotalBytes ?? 1));
                        bar.Value = p.BytesTransferred;
                        finished[p.Path] = p;
                    }));
                });
            return [.. finished.Values];
        }
        var printed = new HashSet<string>();
        await transfer(new Reporter(p =>
        {
            finished[p.Path] = p;
            var done = p.TotalBytes is not { } total || p.BytesTransferred >= total;
            if (done && printed.Add(p.Path) && !json)
                console.WriteLine($"{p.Path} ({Output.Bytes(p.BytesTransferred)})");
        }));
        return [.. finished.Values];
    }

    /// <summary>Reports on the calling thread, unlike Progress&lt;T&gt;, so lines come out in order and before the command ends.</summary>
    private sealed class Reporter(Action<ArtifactTransferProgress> report) : IProgress<ArtifactTransferProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ArtifactTransferProgress value)
        {
            lock (_gate)
                report(value);
        }
    }
}
