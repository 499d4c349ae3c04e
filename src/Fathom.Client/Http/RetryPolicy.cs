using System.Net;

namespace Fathom.Client.Http;

/// <summary>
/// MLflow's retry rules (<c>mlflow/utils/rest_utils.py</c>): retry on connection failures, timeouts, 408, 429 and
/// 5xx except 501 (not implemented will not change), with exponential backoff plus random jitter.
/// Never retry other 4xx: those are the caller's mistakes.
/// </summary>
internal sealed class RetryPolicy(FathomClientOptions options)
{
    public int MaxRetries => options.MaxRetries;

    public static bool IsTransient(HttpStatusCode status) => (int)status switch
    {
        408 or 429 => true,
        501 => false,
        >= 500 and < 600 => true,
        _ => false,
    };

    public TimeSpan DelayBeforeRetry(int retry, HttpResponseMessage? response)
    {
        // A server that says when to come back (429/503 Retry-After) knows better than our formula.
        if (response?.Headers.RetryAfter?.Delta is { } retryAfter)
            return Min(retryAfter, options.MaxBackoff);
        var backoff = options.BackoffFactor * Math.Pow(2, retry - 1);
        var jitter = options.BackoffJitter * Random.Shared.NextDouble();
        return Min(backoff + jitter, options.MaxBackoff);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
