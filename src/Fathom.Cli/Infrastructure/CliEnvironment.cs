using Fathom.Client;

namespace Fathom.Cli.Infrastructure;

/// <summary>What the commands need from outside: environment variables, and a client built from them and the flags.</summary>
internal sealed class CliEnvironment(Func<string, string?> getVariable)
{
    public Func<string, string?> GetVariable { get; } = getVariable;

    /// <summary>
    /// A client for <paramref name="trackingUri"/> or the environment's. A CLI user waits at the terminal, so a dead
    /// server is reported after a few seconds rather than after MLflow's two-minute retry schedule.
    /// </summary>
    public FathomClient CreateClient(string? trackingUri)
    {
        var options = FathomClientOptions.FromEnvironment(GetVariable);
        if (trackingUri is not null)
            options = options with { TrackingUri = trackingUri };
        if (GetVariable("MLFLOW_HTTP_REQUEST_MAX_RETRIES") is null)
            options = options with { MaxRetries = 2, BackoffFactor = TimeSpan.FromMilliseconds(500), BackoffJitter = TimeSpan.FromMilliseconds(250) };
        return new FathomClient(options);
    }
}
