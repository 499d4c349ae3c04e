using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Fathom.Client.Http;

/// <summary>
/// Sends requests to the tracking server with MLflow's auth headers and retry rules, and turns error responses
/// into typed exceptions. Every attempt builds a fresh request, so bodies (even file streams) are re-sent intact.
/// </summary>
internal sealed class RestTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private readonly FathomClientOptions _options;

    public RestTransport(FathomClientOptions options, HttpMessageHandler? handler)
    {
        _options = options;
        _retry = new RetryPolicy(options);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        // Per-call timeouts are applied below; artifact transfers of any size must not hit a global one.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        BaseUri = new Uri(options.TrackingUri.TrimEnd('/') + "/", UriKind.Absolute);
        _http.BaseAddress = BaseUri;
        _http.DefaultRequestHeaders.Authorization = AuthorizationHeader(options);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("fathom-client/1.0");
    }

    public Uri BaseUri { get; }

    public async Task<T> GetJsonAsync<T>(string path, IEnumerable<(string Name, string? Value)> query, CancellationToken ct)
    {
        var uri = path + QueryString(query);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), applyTimeout: true, ct);
        return await ReadAsync<T>(response, ct);
    }

    public async Task<T> PostJsonAsync<T>(string path, object body, CancellationToken ct)
    {
        using var response = await SendAsync(() => PostRequest(path, body), applyTimeout: true, ct);
        return await ReadAsync<T>(response, ct);
    }

    /// <summary>PATCH and DELETE with a JSON body, as MLflow's registry endpoints take them.</summary>
    public async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object body, CancellationToken ct)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, body.GetType(), options: WireJson.Options) },
            applyTimeout: true, ct);
        return await ReadAsync<T>(response, ct);
    }

    public async Task PostJsonAsync(string path, object body, CancellationToken ct, int? maxRetries = null)
    {
        using var response = await SendAsync(() => PostRequest(path, body), applyTimeout: true, ct, maxRetries);
    }

    /// <summary>Sends with retries; returns a successful response (headers read, body not) for the caller to dispose.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, bool applyTimeout,
        CancellationToken ct, int? maxRetries = null)
    {
        var retries = maxRetries ?? _retry.MaxRetries;
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? failure = null;
            using (var request = createRequest())
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                if (applyTimeout)
                    timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                }
                catch (HttpRequestException e)
                {
                    failure = e;
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    failure = new TimeoutException($"No response within {_options.RequestTimeout.TotalSeconds:0.#} s.", e);
                }
            }

            if (response is { IsSuccessStatusCode: true })
                return response;
            if (response is not null && (!RetryPolicy.IsTransient(response.StatusCode) || attempt >= retries))
            {
                using (response)
                    throw await ErrorMapping.FromResponseAsync(response, ct);
            }
            if (response is null && attempt >= retries)
            {
                throw new FathomConnectionException(
                    $"Could not reach the tracking server at {BaseUri} ({failure!.Message}) after {attempt + 1} attempts. "
                    + "Check that it is running (`fathom server`) and that --tracking-uri / FATHOM_TRACKING_URI point to it.",
                    failure);
            }
            var delay = _retry.DelayBeforeRetry(attempt + 1, response);
            response?.Dispose();
            await Task.Delay(delay, ct);
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage PostRequest(string path, object body) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: WireJson.Options) };

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(WireJson.Options, ct)
        ?? throw new FathomConnectionException($"The server at {response.RequestMessage?.RequestUri} sent an empty response.");

    private static string QueryString(IEnumerable<(string Name, string? Value)> query)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in query)
        {
            if (value is null)
                continue;
            builder.Append(builder.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return builder.ToString();
    }

    private static AuthenticationHeaderValue? AuthorizationHeader(FathomClientOptions options)
    {
        if (options.Token is { } token)
            return new AuthenticationHeaderValue("Bearer", token);
        if (options is { Username: { } user, Password: { } password })
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return null;
    }
}
