using Fathom.Training;
using Spectre.Console;

namespace Fathom.Cli.Commands.Train;

/// <summary>The table printed when training ends: where the run and model are, then the validation metrics.</summary>
internal static class TrainSummary
{
    public static void Write(IAnsiConsole console, TrainingRequest request, TrainingResult result, TimeSpan elapsed)
    {
        var summary = Output.Table("Item", "Value");
        summary.Row("Run ID", result.RunId);
        summary.Row("Model URI", result.ModelUri);
        if (result.RegisteredVersion is not null) summary.Row("Registered", $"{request.RegisterAs} version {result.RegisteredVersion}" + (request.Alias is null ? "" : $" (@{request.Alias})"));
        summary.Row("Trainer", $"{request.Trainer.ToLowerInvariant()} ({request.Task.ToString().ToLowerInvariant()})");
        summary.Row("Rows", $"{result.TrainRows} train, {result.ValidationRows} validation");
        summary.Row("Features", string.Join(", ", result.Features));
        summary.Row("Time", $"{elapsed.TotalSeconds:0.0}s");
        console.Write(summary);
        if (result.Children.Count > 0)
        {
            var sweep = Output.Table("Child run", "Parameters", result.PrimaryMetric, "");
            foreach (var child in result.Children)
                sweep.Row(child.RunId, string.Join(", ", child.Parameters.Select(p => $"{p.Key}={p.Value}")), Output.Number(child.PrimaryMetric),
                    child.RunId == result.BestRunId ? "best" : "");
            console.Write(sweep);
        }
        var metrics = Output.Table("Metric", "Value");
        foreach (var (key, value) in result.Metrics) metrics.Row(key, Output.Number(value));
        console.Write(metrics);
    }
}
