using Fathom.Client.Tracking;

namespace Fathom.Client;

public sealed partial class FathomClient
{
    /// <summary>
    /// Starts a run in the named experiment (created if missing) with MLflow's system tags: source name and type,
    /// user, run name and the git commit, branch, remote and dirty state of the working directory.
    /// </summary>
    /// <param name="experimentName">The experiment's name.</param>
    /// <param name="runName">The run's name; null lets the server pick one.</param>
    /// <param name="tags">Extra tags; they override system tags of the same key.</param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns>The active run; <c>await using</c> it.</returns>
    public async Task<FathomRun> StartRunAsync(string experimentName, string? runName = null,
        IReadOnlyList<RunTag>? tags = null, CancellationToken ct = default)
    {
        var experimentId = await GetOrCreateExperimentAsync(experimentName, ct);
        return await StartRunInExperimentAsync(experimentId, runName, tags, parentRunId: null, ct);
    }

    /// <summary>
    /// Runs <paramref name="body"/> inside a new run and ends it as FINISHED, or as FAILED when <paramref name="body"/>
    /// throws (the exception is rethrown).
    /// </summary>
    /// <param name="experimentName">The experiment's name (created if missing).</param>
    /// <param name="runName">The run's name.</param>
    /// <param name="body">The training code.</param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns>A task that completes when the run has ended.</returns>
    public async Task RunAsync(string experimentName, string? runName, Func<FathomRun, Task> body, CancellationToken ct = default)
    {
        await using var run = await StartRunAsync(experimentName, runName, ct: ct);
        try
        {
            await body(run);
        }
        catch (Exception e)
        {
            run.MarkFailed(e);
            throw;
        }
    }

    internal async Task<FathomRun> StartRunInExperimentAsync(string experimentId, string? runName,
        IReadOnlyList<RunTag>? tags, string? parentRunId, CancellationToken ct)
    {
        var allTags = SystemTags.ForNewRun(runName, parentRunId, tags);
        var run = await CreateRunAsync(experimentId, runName, allTags, ct: ct);
        return new FathomRun(this, run);
    }
}
