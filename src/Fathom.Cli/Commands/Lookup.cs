using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Fathom.Core.Errors;

namespace Fathom.Cli.Commands;

/// <summary>Finds the experiment or run a user named, or says clearly that it does not exist and what to try.</summary>
internal static class Lookup
{
    /// <summary>Accepts an experiment id or name: ids are tried first, as they are unambiguous.</summary>
    public static async Task<Experiment> ExperimentAsync(FathomClient client, string idOrName, CancellationToken ct)
    {
        try
        {
            return await client.GetExperimentAsync(idOrName, ct);
        }
        catch (FathomException e) when (e is FathomResourceNotFoundException or FathomInvalidParameterException)
        {
            // Not an id (MLflow answers a non-numeric id with INVALID_PARAMETER_VALUE): try it as a name.
        }
        try
        {
            return await client.GetExperimentByNameAsync(idOrName, ct);
        }
        catch (FathomResourceNotFoundException e)
        {
            throw new CliError($"Experiment '{idOrName}' does not exist.",
                "List experiments with `fathom experiments list` (add `--view all` to include deleted ones).", e);
        }
    }

    public static async Task<Run> RunAsync(FathomClient client, string runId, CancellationToken ct)
    {
        try
        {
            return await client.GetRunAsync(runId, ct);
        }
        catch (FathomResourceNotFoundException e)
        {
            throw new CliError($"Run '{runId}' does not exist.",
                "List runs with `fathom runs list --experiment <id or name>`.", e);
        }
    }
}
