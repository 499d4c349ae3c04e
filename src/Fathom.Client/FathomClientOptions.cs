using System.Globalization;

namespace Fathom.Client;

/// <summary>
/// How a <see cref="FathomClient"/> reaches the tracking server. <see cref="FromEnvironment"/> reads the same
/// environment variables as MLflow's clients, so one configuration serves both.
/// </summary>
public sealed record FathomClientOptions
{
    /// <summary>The tracking URI used when no environment variable sets one.</summary>
    public const string DefaultTrackingUri = "http://127.0.0.1:5000";

    /// <summary>The tracking server's base URI, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public string TrackingUri { get; init; } = DefaultTrackingUri;

    /// <summary>User name for HTTP Basic auth (<c>MLFLOW_TRACKING_USERNAME</c>); sent only with <see cref="Password"/>.</summary>
    public string? Username { get; init; }

    /// <summary>Password for HTTP Basic auth (<c>MLFLOW_TRACKING_PASSWORD</c>).</summary>
    public string? Password { get; init; }

    /// <summary>Bearer token (<c>MLFLOW_TRACKING_TOKEN</c>); takes precedence over Basic auth, as in MLflow.</summary>
    public string? Token { get; init; }

    /// <summary>Retries after the first attempt on transient failures (<c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c>, default 7).</summary>
    public int MaxRetries { get; init; } = 7;

    /// <summary>Backoff before retry n is <c>BackoffFactor * 2^(n-1)</c> (<c>MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR</c>, default 2 s).</summary>
    public TimeSpan BackoffFactor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Up to this much random delay is added to every backoff (<c>MLFLOW_HTTP_REQUEST_BACKOFF_JITTER</c>, default 1 s).</summary>
    public TimeSpan BackoffJitter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two attempts, as urllib3 caps it (120 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Timeout of one API call attempt (<c>MLFLOW_HTTP_REQUEST_TIMEOUT</c>, default 120 s). Artifact transfers have none.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How many metrics, params and tags a run may hold in memory while they wait to be sent (default 100,000).
    /// When the buffer is full, <c>LogMetric</c> waits for room rather than drop data: see <see cref="FathomRun"/>.
    /// </summary>
    public int LogBufferCapacity { get; init; } = 100_000;

    /// <summary>
    /// Options from environment variables: <c>FATHOM_TRACKING_URI</c>, then <c>MLFLOW_TRACKING_URI</c>, else
    /// <see cref="DefaultTrackingUri"/>; <c>MLFLOW_TRACKING_USERNAME</c>/<c>MLFLOW_TRACKING_PASSWORD</c>;
    /// <c>MLFLOW_TRACKING_TOKEN</c>; <c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c>, <c>_BACKOFF_FACTOR</c>,
    /// <c>_BACKOFF_JITTER</c>, <c>_TIMEOUT</c> (seconds).
    /// </summary>
    /// <param name="getVariable">Reads one variable; defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <returns>The options.</returns>
    public static FathomClientOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? Read(string name) => getVariable(name) is { Length: > 0 } value ? value : null;
        var defaults = new FathomClientOptions();
        return new FathomClientOptions
        {
            TrackingUri = Read("FATHOM_TRACKING_URI") ?? Read("MLFLOW_TRACKING_URI") ?? DefaultTrackingUri,
            Username = Read("MLFLOW_TRACKING_USERNAME"),
            Password = Read("MLFLOW_TRACKING_PASSWORD"),
            Token = Read("MLFLOW_TRACKING_TOKEN"),
            MaxRetries = ReadNumber(Read, "MLFLOW_HTTP_REQUEST_MAX_RETRIES") is { } retries ? (int)retries : defaults.MaxRetries,
            BackoffFactor = Seconds(ReadNumber(Read, "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR")) ?? defaults.BackoffFactor,
            BackoffJitter = Seconds(ReadNumber(Read, "MLFLOW_HTTP_REQUEST_BACKOFF_JITTER")) ?? defaults.BackoffJitter,
            RequestTimeout = Seconds(ReadNumber(Read, "MLFLOW_HTTP_REQUEST_TIMEOUT")) ?? defaults.RequestTimeout,
        };
    }

    private static double? ReadNumber(Func<string, string?> read, string name)
    {
        if (read(name) is not { } text)
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
            return value;
        throw new ArgumentException($"Environment variable {name}='{text}' is not a non-negative number.");
    }

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
