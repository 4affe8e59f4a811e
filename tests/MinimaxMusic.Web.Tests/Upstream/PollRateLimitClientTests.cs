using System.Net;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;
using Refit;

namespace MinimaxMusic.Web.Tests.Upstream;

/// <summary>A 429 on a poll must reach the poller's shared gate instead of being retried for that one request.</summary>
public sealed class PollRateLimitClientTests
{
    [Fact]
    public async Task Poll_AnsweredWith429_IsNotRetriedByTheClient_SoTheRetryAfterReachesThePoller()
    {
        using var transport = new RecordingHandler();
        transport.Answer(
            HttpStatusCode.TooManyRequests,
            """{"message":"Too many requests","statusCode":429}""",
            response => response.Headers.RetryAfter = new(TimeSpan.FromSeconds(20)));
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ApiException>(() => client.PollAsync("x:minimax-music", TestContext.Current.CancellationToken));

        Assert.Single(transport.Requests);
        var backoff = new UpstreamBackoff(TimeProvider.System);
        Assert.True(backoff.TryRecord(error));
        Assert.InRange(backoff.Remaining, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
    }
}
