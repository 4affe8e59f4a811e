using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace MinimaxMusic.Web.Upstream;

/// <summary>
/// Which failures may be retried. A submit (POST) creates a paid generation, so it is retried only
/// when the vendor certainly did not create one: 429 (after Retry-After), 502/503, or a connection
/// that failed before the request was sent. Never after a timeout or a 500/504 on a sent request.
/// Polls and billing (GET) are safe to retry on any other transient failure; a 429 on a GET is left to the
/// caller, because the poller honours it across all polls (UpstreamBackoff), not just for one request.
/// </summary>
internal static class UpstreamRetryPolicy
{
    public static bool ShouldRetry(HttpMethod method, Outcome<HttpResponseMessage> outcome)
    {
        var safe = method == HttpMethod.Get || method == HttpMethod.Head;

        if (outcome.Exception is { } exception)
        {
            if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return true;
            }

            return safe && exception is HttpRequestException or TimeoutRejectedException;
        }

        var status = outcome.Result!.StatusCode;
        if (status is HttpStatusCode.TooManyRequests)
        {
            return !safe;
        }

        if (status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable)
        {
            return true;
        }

        return safe && status is HttpStatusCode.InternalServerError or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout;
    }

    public static HttpRetryStrategyOptions CreateRetryOptions(AimlApiOptions options) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        ShouldRetryAfterHeader = true,
        ShouldHandle = args =>
        {
            var method = args.Context.GetRequestMessage()?.Method ?? HttpMethod.Post;
            return ValueTask.FromResult(ShouldRetry(method, args.Outcome));
        },
    };
}
