using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Integration;

/// <summary>A double click, a re-sent form or a retried API call with the same key pays for one song.</summary>
public sealed class IdempotencyTests
{
    private const string Lyrics = "Morning light on the harbour\nGulls above the bay";

    [Fact]
    public async Task ConcurrentSubmits_WithTheSameKey_CreateExactlyOneUpstreamGeneration()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        var key = Guid.NewGuid().ToString("N");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, key, TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.True(r.Accepted, string.Join("; ", r.Errors)));
        Assert.Single(results.Select(r => r.GenerationId).Distinct());
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
        Assert.Equal(1, await env.App.SongCountAsync());
    }

    [Fact]
    public async Task DifferentKeys_CreateDifferentSongs()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        var service = env.App.CreateGenerationService();

        var first = await service.SubmitAsync(Lyrics, env.Reference, "key-one", TestContext.Current.CancellationToken);
        var second = await service.SubmitAsync(Lyrics, env.Reference, "key-two", TestContext.Current.CancellationToken);

        Assert.NotEqual(first.GenerationId, second.GenerationId);
        Assert.Equal(2, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task ApiRetry_WithTheIdempotencyKeyHeader_AnswersWithTheFirstSong()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();
        var body = new { lyrics = Lyrics, referenceAudioUrl = env.Reference };

        async Task<HttpResponseMessage> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "retry-me");
            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        var first = await PostAsync();
        var retried = await PostAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(first.Headers.Location, retried.Headers.Location);
        Assert.Equal(1, env.Simulator.State.GenerationsCreated);
        var song = await retried.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Morning light on the harbour", song.GetProperty("title").GetString());
    }
}
