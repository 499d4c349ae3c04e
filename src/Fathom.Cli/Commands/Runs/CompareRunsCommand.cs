using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Runs;

[Description("Compare runs: params and latest metrics side by side.")]
internal sealed class CompareRunsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<CompareRunsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<RUN_IDS>")]
        [Description("Two or more run ids.")]
        public string[] RunIds { get; set; } = [];

        public override ValidationResult Validate() => RunIds.Length < 2
            ? ValidationResult.Error("Give at least two run ids to compare.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var runs = new List<Run>();
        foreach (var id in settings.RunIds)
            runs.Add(await Lookup.RunAsync(client, id, ct));

        var parameters = Matrix(runs, run => run.Data.Params.Select(p => (p.Key, p.Value)));
        var metrics = Matrix(runs, run => run.Data.Metrics.Select(m => (m.Key, Output.Number(m.Value))));
        if (settings.Json)
        {
            Output.Json(console, new { run_ids = settings.RunIds, @params = parameters, metrics });
            return ExitCodes.Success;
        }
        var table = Output.Table(["", .. runs.Select(r => r.Info.RunName is { Length: > 0 } name ? $"{name}\n{r.Info.RunId}" : r.Info.RunId)]);
        AddSection(table, "params", parameters, runs);
        AddSection(table, "metrics", metrics, runs);
        console.Write(table);
        return ExitCodes.Success;
    }

    /// <summary>key -> run id -> value, keys sorted, so both renderings list rows in the same order.</summary>
    private static SortedDictionary<string, Dictionary<string, string>> Matrix(
        IEnumerable<Run> runs, Func<Run, IEnumerable<(string Key, string Value)>> values)
    {
        var matrix = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var (key, value) in values(run))
            {
                if (!matrix.TryGetValue(key, out var row))
                    matrix[key] = row = [];
                row[run.Info.RunId] = value;
            }
        }
        return matrix;
    }

    private static void AddSection(Table table, string title, SortedDictionary<string, Dictionary<string, string>> matrix, List<Run> runs)
    {
        foreach (var (key, row) in matrix)
        {
            var values = runs.Select(r => row.GetValueOrDefault(r.Info.RunId, "")).ToList();
            var differs = values.Distinct().Count() > 1;
            var cells = new List<Spectre.Console.Rendering.IRenderable> { new Text($"{title}.{key}") };
            // Values that differ between runs are what a comparison is for: make them stand out.
            cells.AddRange(values.Select(v => new Text(v, differs ? new Style(Color.Yellow) : Style.Plain)));
            table.AddRow(cells);
        }
    }
}
