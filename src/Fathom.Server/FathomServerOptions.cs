using System.Globalization;
using System.Net;
using Fathom.Core.Errors;

namespace Fathom.Server;

/// <summary>
/// Settings of the tracking server. Defaults give the local embedded setup: 127.0.0.1:5000, SQLite and artifacts under
/// <c>./fathom-data/</c>. Every environment variable is listed in docs/configuration.md.
/// </summary>
public sealed class FathomServerOptions
{
    /// <summary>Address to listen on. Loopback by default: exposing the server is a deliberate choice.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5000;

    /// <summary>Tracking store URI: <c>sqlite:///path.db</c> or <c>postgresql://user:pass@host:port/db</c>.</summary>
    public string BackendStoreUri { get; set; } = "sqlite:///fathom-data/fathom.db";

    /// <summary>Where proxied artifacts are stored: a local folder or <c>s3://bucket/prefix</c>.</summary>
    public string ArtifactsDestination { get; set; } = "./fathom-data/artifacts";

    /// <summary>
    /// Largest JSON request body accepted by the tracking endpoints (artifact uploads are not bound by it).
    /// 32 MiB leaves room for MLflow's largest message, a dataset with a 16 MiB profile.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Writes one log line per request (method, route, status, elapsed).</summary>
    public bool RequestLogging { get; set; } = true;

    /// <summary>
    /// Reads <c>FATHOM_HOST</c>, <c>FATHOM_PORT</c>, <c>FATHOM_BACKEND_STORE_URI</c>, <c>FATHOM_ARTIFACTS_DESTINATION</c>,
    /// <c>FATHOM_MAX_REQUEST_BODY_BYTES</c> and <c>FATHOM_REQUEST_LOGGING</c> over the defaults; command-line flags
    /// then override these.
    /// </summary>
    public static FathomServerOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var options = new FathomServerOptions();
        options.Host = getVariable("FATHOM_HOST") ?? options.Host;
        options.Port = ParseOr(getVariable("FATHOM_PORT"), "FATHOM_PORT", options.Port, int.Parse);
        options.BackendStoreUri = getVariable("FATHOM_BACKEND_STORE_URI") ?? options.BackendStoreUri;
        options.ArtifactsDestination = getVariable("FATHOM_ARTIFACTS_DESTINATION") ?? options.ArtifactsDestination;
        options.MaxRequestBodyBytes = ParseOr(getVariable("FATHOM_MAX_REQUEST_BODY_BYTES"), "FATHOM_MAX_REQUEST_BODY_BYTES",
            options.MaxRequestBodyBytes, long.Parse);
        options.RequestLogging = ParseOr(getVariable("FATHOM_REQUEST_LOGGING"), "FATHOM_REQUEST_LOGGING", options.RequestLogging,
            (s, _) => bool.Parse(s));
        return options;
    }

    /// <summary>Throws a <see cref="FathomException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host) || (Host != "localhost" && !IPAddress.TryParse(Host, out _)))
        {
            problems.Add($"host '{Host}' is not an IP address or 'localhost'");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"port {Port} is outside 0..65535");
        }

        if (string.IsNullOrWhiteSpace(BackendStoreUri))
        {
            problems.Add("the backend store URI is empty");
        }

        if (string.IsNullOrWhiteSpace(ArtifactsDestination))
        {
            problems.Add("the artifacts destination is empty");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            problems.Add($"the maximum request body size {MaxRequestBodyBytes} is below 1024 bytes");
        }

        if (problems.Count > 0)
        {
            throw FathomException.InvalidParameter("Invalid server options: " + string.Join("; ", problems) + ".");
        }
    }

    private static T ParseOr<T>(string? text, string variable, T fallback, Func<string, IFormatProvider, T> parse)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        try
        {
            return parse(text.Trim(), CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw FathomException.InvalidParameter($"Environment variable {variable}='{text}' is not a valid value.");
        }
        catch (OverflowException)
        {
            throw FathomException.InvalidParameter($"Environment variable {variable}='{text}' is out of range.");
        }
    }
}
