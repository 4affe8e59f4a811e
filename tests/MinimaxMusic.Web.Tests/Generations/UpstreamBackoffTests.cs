using System.Net;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Generations;
using Refit;

namespace MinimaxMusic.Web.Tests.Generations;

public sealed class UpstreamBackoffTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A429WithRetryAfter20s_BlocksPollsUntilThen_AndNotBefore()
    {
        var time = new FakeTimeProvider(Start);
        var backoff = new UpstreamBackoff(time);
        Assert.False(backoff.IsBlocked);

        Assert.True(backoff.TryRecord(await TooManyRequestsAsync(response => response.Headers.RetryAfter = new(TimeSpan.FromSeconds(20)))));

        Assert.True(backoff.IsBlocked);
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.Remaining);
        time.Advance(TimeSpan.FromSeconds(19.9));
        Assert.True(backoff.IsBlocked);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(backoff.IsBlocked);
        Assert.Equal(TimeSpan.Zero, backoff.Remaining);
    }

    [Fact]
    public async Task A429WithARetryAfterDate_BlocksUntilThatDate()
    {
        var time = new FakeTimeProvider(Start);
        var backoff = new UpstreamBackoff(time);

        backoff.TryRecord(await TooManyRequestsAsync(response => response.Headers.RetryAfter = new(Start.AddSeconds(45))));

        Assert.Equal(Start.AddSeconds(45), backoff.BlockedUntil);
    }

    [Fact]
    public async Task A429WithoutRetryAfter_BlocksForTheDefault()
    {
        var time = new FakeTimeProvider(Start);
        var backoff = new UpstreamBackoff(time);

        backoff.TryRecord(await TooManyRequestsAsync(_ => { }));

        Assert.Equal(UpstreamBackoff.DefaultRetryAfter, backoff.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(30), UpstreamBackoff.DefaultRetryAfter);
    }

    [Fact]
    public void AShorterLaterRetryAfter_NeverShortensTheBlock()
    {
        var time = new FakeTimeProvider(Start);
        var backoff = new UpstreamBackoff(time);

        backoff.RecordRateLimit(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(5));
        backoff.RecordRateLimit(TimeSpan.FromSeconds(2));

        Assert.Equal(Start.AddSeconds(20), backoff.BlockedUntil);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task OtherFailures_DoNotBlock(HttpStatusCode status)
    {
        var backoff = new UpstreamBackoff(new FakeTimeProvider(Start));

        Assert.False(backoff.TryRecord(await ApiErrorAsync(status, _ => { })));
        Assert.False(backoff.TryRecord(new HttpRequestException("refused")));
        Assert.False(backoff.IsBlocked);
    }

    private static Task<ApiException> TooManyRequestsAsync(Action<HttpResponseMessage> configure) =>
        ApiErrorAsync(HttpStatusCode.TooManyRequests, configure);

    private static async Task<ApiException> ApiErrorAsync(HttpStatusCode status, Action<HttpResponseMessage> configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.aimlapi.com/v2/generate/audio?generation_id=a%3Aminimax-music");
        using var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent("""{"message":"Too many requests","statusCode":429}"""),
        };
        configure(response);
        return await ApiException.Create(request, HttpMethod.Get, response, new RefitSettings());
    }
}
