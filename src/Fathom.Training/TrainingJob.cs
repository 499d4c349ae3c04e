using Fathom.Client;
using Fathom.Core.Errors;
using Fathom.Training.Data;
using Fathom.Training.Evaluation;
using Fathom.Training.Trainers;
using Fathom.Training.Tracking;

namespace Fathom.Training;

/// <summary>
/// <c>fathom train</c> as a library call: reads the data, trains (one model, or one child run per <c>--sweep</c>
/// combination under a parent run), evaluates on the validation rows and records everything in a tracking run.
/// </summary>
public static class TrainingJob
{
    public const string BestRunTag = "fathom.sweep.best_run_id";
    public const string BestChildTag = "fathom.sweep.best";

    public static async Task<TrainingResult> RunAsync(TrainingRequest request, FathomClient client, Action<TrainingStage>? onStage = null,
        CancellationToken ct = default)
    {
        if (request.Alias is not null && request.RegisterAs is null)
            throw FathomException.InvalidParameter("--alias names an alias of a registered model: give --register NAME too.");
        var combinations = request.Sweep.Count == 0 ? null : SweepGrid.Expand(request.Sweep);
        // A misspelled trainer or option fails in a second, before reading millions of rows or creating a run.
        foreach (var combination in combinations ?? [new Dictionary<string, string>()])
            TrainerParameters.Apply(TrainerCatalog.Get(request.Trainer, request.Task).NewOptions(), Merge(request.Parameters, combination));
        onStage?.Invoke(TrainingStage.Reading);
        var dataset = await DatasetLoader.LoadAsync(request, ct);
        var fitter = new ModelFitter(dataset, request.Task, request.Seed);
        var runName = request.RunName ?? $"{request.Trainer.ToLowerInvariant()}-{request.Task.ToString().ToLowerInvariant()}";
        await using var run = await client.StartRunAsync(request.Experiment, runName, ct: ct);
        try
        {
            TrainingRunLogger.LogDataParams(run, request, dataset);
            await TrainingRunLogger.LogDatasetInputAsync(client, run, request, dataset, ct);
            var profile = DataProfile.ToJson(dataset.Train.Table, request.DataPath, dataset.Sha256);
            var result = combinations is null
                ? await TrainOneAsync(run, fitter, request, request.Parameters, profile, onStage, ct)
                : await SweepAsync(client, run, fitter, request, combinations, profile, onStage, ct);
            await run.FlushAsync(ct);
            result = await RegisterAsync(client, request, result, ct);
            return result with { TrainRows = dataset.TrainRows.Length, ValidationRows = dataset.ValidationRows.Length, Features = dataset.Train.Features.All };
        }
        catch (Exception e)
        {
            run.MarkFailed(e);
            throw;
        }
    }

    /// <summary>Registers the model (the best child's in a sweep) and points the alias at the new version.</summary>
    private static async Task<TrainingResult> RegisterAsync(FathomClient client, TrainingRequest request, TrainingResult result, CancellationToken ct)
    {
        if (request.RegisterAs is not { } name) return result;
        var version = await client.RegisterModelAsync(result.ModelUri, name, ct: ct);
        if (request.Alias is { } alias) await client.SetRegisteredModelAliasAsync(name, alias, version.Version, ct);
        return result with { RegisteredVersion = version.Version };
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> combination)
    {
        var merged = new Dictionary<string, string>(parameters.ToDictionary(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in combination) merged[key] = value;
        return merged;
    }

    private static async Task<TrainingResult> TrainOneAsync(FathomRun run, ModelFitter fitter, TrainingRequest request,
        IReadOnlyDictionary<string, string> parameters, string? profile, Action<TrainingStage>? onStage, CancellationToken ct)
    {
        var model = fitter.Fit(request.Trainer, parameters, onStage);
        onStage?.Invoke(TrainingStage.Logging);
        TrainingRunLogger.LogModelResults(run, model);
        await TrainingRunLogger.LogArtifactsAsync(run, model, profile, ct);
        return new TrainingResult
        {
            RunId = run.RunId,
            ExperimentId = run.ExperimentId,
            ModelUri = TrainingRunLogger.ModelUri(run.RunId),
            Metrics = model.Evaluation.Metrics,
            PrimaryMetric = ModelEvaluation.PrimaryMetric(request.Task),
            TrainRows = 0,
            ValidationRows = 0,
            Features = [],
        };
    }

    private static async Task<TrainingResult> SweepAsync(FathomClient client, FathomRun parent, ModelFitter fitter, TrainingRequest request,
        List<Dictionary<string, string>> combinations, string profile, Action<TrainingStage>? onStage, CancellationToken ct)
    {
        var primary = ModelEvaluation.PrimaryMetric(request.Task);
        var sign = ModelEvaluation.HigherIsBetter(request.Task) ? 1 : -1;
        parent.LogParam("sweep", string.Join("; ", request.Sweep.Select(p => $"{p.Key}={string.Join(",", p.Value)}")));
        var children = new List<(SweepChild Child, TrainingResult Result)>();
        foreach (var combination in combinations)
        {
            var parameters = Merge(request.Parameters, combination);
            await using var child = await parent.StartChildRunAsync(SweepGrid.Describe(combination), ct: ct);
            try
            {
                var result = await TrainOneAsync(child, fitter, request, parameters, profile: null, onStage, ct);
                children.Add((new SweepChild(child.RunId, combination, result.Metrics[primary]), result));
            }
            catch (Exception e)
            {
                child.MarkFailed(e);
                throw;
            }
        }
        // NaN (e.g. AUC of a one-class validation set) never wins.
        var best = children.MaxBy(c => double.IsNaN(c.Child.PrimaryMetric) ? double.NegativeInfinity : sign * c.Child.PrimaryMetric);
        parent.SetTag(BestRunTag, best.Child.RunId);
        foreach (var (key, value) in best.Result.Metrics) parent.LogMetric(key, value);
        await TrainingRunLogger.LogProfileAsync(parent, profile, ct);
        await client.SetTagAsync(best.Child.RunId, BestChildTag, "true", ct);
        return best.Result with { RunId = parent.RunId, BestRunId = best.Child.RunId, Children = [.. children.Select(c => c.Child)] };
    }
}
