using Fathom.Training;
using Spectre.Console;

namespace Fathom.Cli.Commands.Train;

/// <summary>
/// Shows which step training is in: a spinner with the step on a terminal, one plain line per step otherwise
/// (logs, CI, pipes), nothing in --json mode so stdout stays one JSON object.
/// </summary>
internal static class TrainProgress
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, bool json, Func<Action<TrainingStage>, Task<T>> work)
    {
        if (json) return await work(_ => { });
        if (console.Profile.Capabilities.Interactive && console.Profile.Out.IsTerminal)
        {
            return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Describe(TrainingStage.Reading), context =>
                work(stage => context.Status(Describe(stage))));
        }
        var last = (TrainingStage?)null;
        return await work(stage =>
        {
            if (stage == last) return;
            last = stage;
            console.WriteLine(Describe(stage));
        });
    }

    private static string Describe(TrainingStage stage) => stage switch
    {
        TrainingStage.Reading => "Reading data...",
        TrainingStage.Featurizing => "Featurizing...",
        TrainingStage.Training => "Training...",
        TrainingStage.Evaluating => "Evaluating...",
        _ => "Logging to the tracking server...",
    };
}
