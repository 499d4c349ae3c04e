using Fathom.Client.Http;

namespace Fathom.Client;

/// <summary>
/// The .NET client of a tracking server that speaks MLflow's REST API: Fathom's own server or MLflow's.
/// Typed calls for every tracking endpoint, plus <see cref="StartRunAsync"/> for training code.
/// Thread-safe; create one per tracking server and reuse it.
/// </summary>
public sealed partial class FathomClient : IDisposable
{
    internal const string Api = "api/2.0/mlflow/";

    private readonly RestTransport _transport;

    /// <summary>A client configured from the environment (see <see cref="FathomClientOptions.FromEnvironment"/>).</summary>
    public FathomClient()
        : this(FathomClientOptions.FromEnvironment())
    {
    }

    /// <summary>A client of the server at <paramref name="trackingUri"/>; credentials and retry settings still come from the environment.</summary>
    /// <param name="trackingUri">The server's base URI, e.g. <c>http://127.0.0.1:5000</c>.</param>
    public FathomClient(string trackingUri)
        : this(FathomClientOptions.FromEnvironment() with { TrackingUri = trackingUri })
    {
    }

    /// <summary>A client with explicit options.</summary>
    /// <param name="options">Where the server is and how to talk to it.</param>
    /// <param name="handler">Optional HTTP handler (proxies, custom TLS); the client does not dispose it.</param>
    public FathomClient(FathomClientOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LogBufferCapacity < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "LogBufferCapacity must be at least 1.");
        Options = options;
        _transport = new RestTransport(options, handler);
    }

    /// <summary>The options this client was created with.</summary>
    public FathomClientOptions Options { get; }

    /// <summary>The tracking server's base URI.</summary>
    public Uri TrackingUri => _transport.BaseUri;

    internal RestTransport Transport => _transport;

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _transport.Dispose();

    internal static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
