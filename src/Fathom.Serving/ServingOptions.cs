using System.Globalization;
using System.Net;
using Fathom.Core.Errors;

namespace Fathom.Serving;

/// <summary>
/// Settings of the model server (<c>fathom models serve</c>). Defaults: 127.0.0.1:8080, prediction log on, under
/// <c>./fathom-data/predictions</c>. Every environment variable is listed in docs/serving.md.
/// </summary>
public sealed class ServingOptions
{
    /// <summary>What to serve: <c>models:/name@alias</c>, <c>models:/name/3</c>, <c>runs:/id/model</c> or a local model folder.</summary>
    public string ModelUri { get; set; } = "";

    /// <summary>Tracking server that resolves <c>models:/</c> and <c>runs:/</c> URIs (MLFLOW_TRACKING_URI when unset).</summary>
    public string? TrackingUri { get; set; }

    /// <summary>Where <c>models:/</c> and <c>runs:/</c> packages are downloaded, one folder per model version.</summary>
    public string ModelCacheDirectory { get; set; } = "./fathom-data/model-cache";

    /// <summary>Address to listen on. Loopback by default: exposing the model is a deliberate choice.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>Largest request body accepted; a larger one is answered 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How long a scoring request's body may take to arrive before it is answered 504 DEADLINE_EXCEEDED (scoring itself is not interrupted).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>On shutdown, how long in-flight requests may finish and the prediction log may flush.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the registry is asked where the served alias points (only for <c>models:/name@alias</c>).</summary>
    public TimeSpan RegistryPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Records every scored row (or a sample) for monitoring.</summary>
    public bool PredictionLogEnabled { get; set; } = true;

    /// <summary>Share of requests whose rows are logged, 0..1.</summary>
    public double PredictionLogSampleRate { get; set; } = 1.0;

    /// <summary>A local folder or <c>s3://bucket/prefix</c>; files go under <c>&lt;model&gt;/date=YYYY-MM-DD/</c>.</summary>
    public string PredictionLogDestination { get; set; } = "./fathom-data/predictions";

    /// <summary>Rows the log may hold in memory while the sink catches up; beyond it rows are dropped and counted.</summary>
    public int PredictionLogQueueRows { get; set; } = 200_000;

    /// <summary>A Parquet file is closed after this many rows or <see cref="PredictionLogFileAge"/>, whichever comes first.</summary>
    public int PredictionLogFileRows { get; set; } = 100_000;

    /// <summary>Longest time rows wait in memory before they are written to a file.</summary>
    public TimeSpan PredictionLogFileAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the <c>FATHOM_SERVE_*</c> environment variables (and MLFLOW_TRACKING_URI) over the defaults.</summary>
    public static ServingOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var o = new ServingOptions();
        o.ModelUri = getVariable("FATHOM_SERVE_MODEL_URI") ?? o.ModelUri;
        o.TrackingUri = getVariable("MLFLOW_TRACKING_URI") ?? o.TrackingUri;
        o.ModelCacheDirectory = getVariable("FATHOM_SERVE_MODEL_CACHE") ?? o.ModelCacheDirectory;
        o.Host = getVariable("FATHOM_SERVE_HOST") ?? o.Host;
        o.Port = Parse(getVariable, "FATHOM_SERVE_PORT", o.Port, int.Parse);
        o.MaxRequestBodyBytes = Parse(getVariable, "FATHOM_SERVE_MAX_REQUEST_BODY_BYTES", o.MaxRequestBodyBytes, long.Parse);
        o.RequestTimeout = TimeSpan.FromSeconds(Parse(getVariable, "FATHOM_SERVE_REQUEST_TIMEOUT_SECONDS", o.RequestTimeout.TotalSeconds, double.Parse));
        o.ShutdownTimeout = TimeSpan.FromSeconds(Parse(getVariable, "FATHOM_SERVE_SHUTDOWN_TIMEOUT_SECONDS", o.ShutdownTimeout.TotalSeconds, double.Parse));
        o.RegistryPollInterval = TimeSpan.FromSeconds(Parse(getVariable, "FATHOM_SERVE_POLL_SECONDS", o.RegistryPollInterval.TotalSeconds, double.Parse));
        o.PredictionLogEnabled = Parse(getVariable, "FATHOM_SERVE_PREDICTION_LOG", o.PredictionLogEnabled, (s, _) => bool.Parse(s));
        o.PredictionLogSampleRate = Parse(getVariable, "FATHOM_SERVE_PREDICTION_LOG_SAMPLE", o.PredictionLogSampleRate, double.Parse);
        o.PredictionLogDestination = getVariable("FATHOM_SERVE_PREDICTION_LOG_DESTINATION") ?? o.PredictionLogDestination;
        return o;
    }

    /// <summary>Throws a <see cref="FathomException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelUri)) problems.Add("no model URI is given");
        if (string.IsNullOrWhiteSpace(Host) || (Host != "localhost" && !IPAddress.TryParse(Host, out _)))
            problems.Add($"host '{Host}' is not an IP address or 'localhost'");
        if (Port is < 0 or > 65535) problems.Add($"port {Port} is outside 0..65535");
        if (MaxRequestBodyBytes < 1024) problems.Add($"the maximum request body size {MaxRequestBodyBytes} is below 1024 bytes");
        if (RequestTimeout <= TimeSpan.Zero) problems.Add("the request timeout must be positive");
        if (ShutdownTimeout < TimeSpan.Zero) problems.Add("the shutdown timeout must not be negative");
        if (RegistryPollInterval < TimeSpan.FromMilliseconds(50)) problems.Add("the registry poll interval is below 50 ms");
        if (PredictionLogSampleRate is < 0 or > 1 || double.IsNaN(PredictionLogSampleRate)) problems.Add("the prediction log sample rate is outside 0..1");
        if (PredictionLogQueueRows < 1) problems.Add("the prediction log queue must hold at least one row");
        if (PredictionLogFileRows < 1) problems.Add("a prediction log file must hold at least one row");
        if (problems.Count > 0) throw FathomException.InvalidParameter("Invalid serving options: " + string.Join("; ", problems) + ".");
    }

    private static T Parse<T>(Func<string, string?> getVariable, string variable, T fallback, Func<string, IFormatProvider, T> parse)
    {
        var text = getVariable(variable);
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        try
        {
            return parse(text.Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw FathomException.InvalidParameter($"Environment variable {variable}='{text}' is not a valid value.");
        }
    }
}
