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
    /// Requires credentials (HTTP Basic or a bearer API token) on every request except /health and /version, and checks
    /// MLflow-style permissions. Off by default for the single-user local quick start. See docs/governance.md.
    /// </summary>
    public bool Auth { get; set; }

    /// <summary>The permission of a user on a resource they have no explicit grant for (MLflow's <c>default_permission</c>).</summary>
    public string DefaultPermission { get; set; } = "READ";

    /// <summary>An admin to create at start when auth is on and no user of that name exists.</summary>
    public string? AdminUsername { get; set; }

    /// <summary>The password of <see cref="AdminUsername"/>; never logged.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>How long a verified credential is trusted without re-running the password hash (0 turns the cache off).</summary>
    public double CredentialCacheSeconds { get; set; } = 30;

    /// <summary>Extra logging setup (tests capture the log to prove no secret reaches it).</summary>
    internal Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>
    /// Reads <c>FATHOM_HOST</c>, <c>FATHOM_PORT</c>, <c>FATHOM_BACKEND_STORE_URI</c>, <c>FATHOM_ARTIFACTS_DESTINATION</c>,
    /// <c>FATHOM_MAX_REQUEST_BODY_BYTES</c>, <c>FATHOM_REQUEST_LOGGING</c>, <c>FATHOM_AUTH</c>,
    /// <c>FATHOM_AUTH_DEFAULT_PERMISSION</c>, <c>FATHOM_ADMIN_USERNAME</c>, <c>FATHOM_ADMIN_PASSWORD</c> and
    /// <c>FATHOM_AUTH_CACHE_SECONDS</c> over the defaults; command-line flags
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
        options.Auth = ParseOr(getVariable("FATHOM_AUTH"), "FATHOM_AUTH", options.Auth, (s, _) => bool.Parse(s));
        options.DefaultPermission = getVariable("FATHOM_AUTH_DEFAULT_PERMISSION") ?? options.DefaultPermission;
        options.AdminUsername = getVariable("FATHOM_ADMIN_USERNAME") ?? options.AdminUsername;
        options.AdminPassword = getVariable("FATHOM_ADMIN_PASSWORD") ?? options.AdminPassword;
        options.CredentialCacheSeconds = ParseOr(getVariable("FATHOM_AUTH_CACHE_SECONDS"), "FATHOM_AUTH_CACHE_SECONDS",
            options.CredentialCacheSeconds, double.Parse);
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

        if (!Tracking.Governance.Permission.All.Any(p => p.Name == DefaultPermission))
        {
            problems.Add($"the default permission '{DefaultPermission}' is not READ, EDIT, MANAGE or NO_PERMISSIONS");
        }

        if (string.IsNullOrEmpty(AdminUsername) != string.IsNullOrEmpty(AdminPassword))
        {
            problems.Add("the admin username and password must be given together");
        }
        else if (AdminPassword is { Length: < Tracking.Governance.PasswordHasher.MinimumPasswordLength })
        {
            // The length only: the password itself never appears in a message.
            problems.Add($"the admin password is shorter than {Tracking.Governance.PasswordHasher.MinimumPasswordLength} characters");
        }

        if (CredentialCacheSeconds is < 0 or > 3600 || double.IsNaN(CredentialCacheSeconds))
        {
            problems.Add($"the credential cache time {CredentialCacheSeconds} s is outside 0..3600");
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
