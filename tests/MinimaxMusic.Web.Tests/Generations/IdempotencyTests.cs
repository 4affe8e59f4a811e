using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>A double click, a re-sent form or a retried API call with the same key pays for one song.</summary>
[Trait("Category", "Integration")]
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
    public async Task TwoMembers_WithTheSameKey_EachGetTheirOwnSong_AndARepeatGetsTheFirstAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var env = await SimulatedUpstream.StartAsync();
        using (var admin = env.App.CreateClient())
        {
            // Sets up the workspace (the first admin) so members can sign in.
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/generations", ct)).StatusCode);
        }

        await TeamMembers.AddAsync(env.App.Services, "ana@example.test");
        await TeamMembers.AddAsync(env.App.Services, "ben@example.test");
        using var ana = await TeamMembers.LogInAsync(env.App.BaseAddress, "ana@example.test", ct);
        using var ben = await TeamMembers.LogInAsync(env.App.BaseAddress, "ben@example.test", ct);

        async Task<(Uri? Location, JsonElement Song)> PostAsync(HttpClient member, string lyrics)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/generations")
            {
                Content = JsonContent.Create(new { lyrics, referenceAudioUrl = env.Reference }),
            };
            request.Headers.Add("Idempotency-Key", "shared-key");
            using var response = await member.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (response.Headers.Location, await response.Content.ReadFromJsonAsync<JsonElement>(ct));
        }

        var anas = await PostAsync(ana, "Ana's private verse\nOnly she should read it");
        var bens = await PostAsync(ben, "Ben's harbour song\nSails at dawn");
        var anasRepeat = await PostAsync(ana, "Ana's private verse\nOnly she should read it");

        Assert.NotEqual(anas.Location, bens.Location);
        Assert.Equal("Ben's harbour song", bens.Song.GetProperty("title").GetString());
        Assert.Equal("Ben's harbour song\nSails at dawn", bens.Song.GetProperty("lyrics").GetString());
        Assert.Equal(anas.Location, anasRepeat.Location);
        Assert.Equal(2, env.Simulator.State.SubmitRequests);
        Assert.Equal(2, await env.App.SongCountAsync());
    }

    [Fact]
    public async Task TheDatabase_HoldsAKeyOncePerPerson_AndOnceAmongSongsWithNoPerson()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new TestApp(TestApp.FastPolling());
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        string[] owners = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.Users.AddRange(owners.Select(id => new AppUser { Id = id, UserName = id, Email = $"{id}@example.test" }));
            await db.SaveChangesAsync(ct);
        }

        async Task<bool> InsertAsync(string? ownerId)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Generations.Add(new SongBuilder { Status = GenerationStatus.Failed, IdempotencyKey = "same-key", OwnerId = ownerId }.Build());
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }

        Assert.True(await InsertAsync(owners[0]));
        Assert.True(await InsertAsync(owners[1]));
        Assert.True(await InsertAsync(null));
        Assert.False(await InsertAsync(owners[0]));
        Assert.False(await InsertAsync(null));
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
