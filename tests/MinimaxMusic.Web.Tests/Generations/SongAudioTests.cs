using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.Sharing;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>The real app with private network URLs refused, as on a server; songs written straight to its database.</summary>
public sealed class SongAudioApp : IAsyncLifetime
{
    internal TestApp App { get; private set; } = null!;

    /// <summary>The team admin, signed in through the real form; redirects are returned, not followed.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = new TestApp(new Dictionary<string, string?>(TestApp.FastPolling()) { ["Security:AllowPrivateNetworkUrls"] = "false" });
        Admin = App.CreateClientWithoutRedirects();
        Anonymous = SharingTestData.Anonymous(App.BaseAddress);
        // The first request makes the admin through /setup.
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("api/generations", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>A completed song whose audio is only at <paramref name="audioUrl"/> (not saved here), with a public share link.</summary>
    internal async Task<(Generation Song, ShareLink Share)> AddUnsavedSongAsync(string audioUrl)
    {
        var song = new SongBuilder
        {
            Id = Guid.NewGuid(),
            Title = "Paper boats",
            Lyrics = SharingTestData.Lyrics,
            ReferenceAudioUrl = "https://cdn.example.com/reference.mp3",
            Status = GenerationStatus.Completed,
            CreatedAtUtc = DateTime.UtcNow,
            FinishedAtUtc = DateTime.UtcNow,
            AudioUrl = audioUrl,
            AudioContentType = "audio/mpeg",
        }.Build();
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.Generations.Add(song);
            await db.SaveChangesAsync();
        }

        return (song, await SharingTestData.ShareAsync(App.Services, song.Id, ShareVisibility.Public));
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Anonymous.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>/media/{id} and /s/{token}/audio: HEAD like GET, and where a song not saved yet may send a player.</summary>
[Trait("Category", "Integration")]
public sealed class SongAudioTests(SongAudioApp world) : IClassFixture<SongAudioApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://127.0.0.1/x.mp3")]
    [InlineData("http://10.0.0.5/x.mp3")]
    [InlineData("http://[::ffff:10.0.0.5]/x.mp3")]
    [InlineData("http://localhost/x.mp3")]
    [InlineData("https://user:secret@cdn.example.com/x.mp3")]
    [InlineData("not a url")]
    public async Task ASongNotSavedYet_IsNotRedirectedToAVendorLinkThatIsNotAPublicWebAddress(string vendorUrl)
    {
        var (song, share) = await world.AddUnsavedSongAsync(vendorUrl);

        foreach (var (client, path) in new[] { (world.Admin, $"media/{song.Id}"), (world.Anonymous, $"s/{share.Token}/audio") })
        {
            using var get = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Null(get.Headers.Location);
            Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
            Assert.Contains("not a public web address", await get.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            using var headRequest = new HttpRequestMessage(HttpMethod.Head, path);
            using var head = await client.SendAsync(headRequest, Ct);
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
            Assert.Null(head.Headers.Location);
        }
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task ASongNotSavedYet_IsRedirectedToAPublicHttpsVendorLink(string method)
    {
        const string vendorUrl = "https://cdn.aimlapi.example.com/files/906aec79/output.mp3";
        var (song, share) = await world.AddUnsavedSongAsync(vendorUrl);

        foreach (var (client, path) in new[] { (world.Admin, $"media/{song.Id}"), (world.Anonymous, $"s/{share.Token}/audio") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            using var response = await client.SendAsync(request, Ct);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(vendorUrl, response.Headers.Location?.ToString());
        }
    }

    [Fact]
    public async Task Head_OnASavedSong_AnswersWithTheHeadersOfGetAndNoBody()
    {
        var song = await SharingTestData.AddCompletedSongAsync(world.App.Services, DateTime.UtcNow);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(world.App.DataDirectory, "audio", song.ArchivedFileName!), Ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using (var db = await world.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Generations.Where(g => g.Id == song.Id).ExecuteUpdateAsync(set => set.SetProperty(g => g.ArchivedSha256, sha), Ct);
        }

        var share = await SharingTestData.ShareAsync(world.App.Services, song.Id, ShareVisibility.Public);

        foreach (var (client, path) in new[] { (world.Admin, $"media/{song.Id}"), (world.Anonymous, $"s/{share.Token}/audio") })
        {
            using var get = await client.GetAsync(path, Ct);
            using var headRequest = new HttpRequestMessage(HttpMethod.Head, path);
            using var head = await client.SendAsync(headRequest, Ct);

            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
            Assert.Equal("audio/wav", head.Content.Headers.ContentType?.MediaType);
            Assert.Equal(["bytes"], head.Headers.AcceptRanges);
            Assert.Equal($"\"{sha}\"", head.Headers.ETag?.Tag);
            Assert.NotNull(head.Content.Headers.LastModified);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
            Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync(Ct));
        }
    }
}
