using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Sharing;

/// <summary>Expiry decided by the app's clock (a <see cref="FakeTimeProvider"/>), never by waiting.</summary>
[Trait("Category", "Integration")]
public sealed class ShareExpiryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private FakeClockApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = new FakeClockApp(TestApp.FastPolling(), _clock);
        await SharingTestData.CreateAdminAsync(_app.Services);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ALinkPastItsExpiry_Answers410_ForThePageAndTheAudio_AndSaysWhenItExpired()
    {
        var song = await SharingTestData.AddCompletedSongAsync(_app.Services, Start.UtcDateTime.AddHours(-1));
        var share = await SharingTestData.ShareAsync(_app.Services, song.Id, ShareVisibility.Public,
            expiresAtUtc: Start.UtcDateTime.AddDays(1), allowDownload: true);
        using var client = SharingTestData.Anonymous(_app.ClientOptions.BaseAddress);

        _clock.Advance(TimeSpan.FromHours(23));
        using (var stillOpen = await client.GetAsync($"s/{share.Token}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
        }

        _clock.Advance(TimeSpan.FromHours(1));
        using var page = await client.GetAsync($"s/{share.Token}", Ct);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("This share link expired on 3 November 2026 at 09:00 UTC", html, StringComparison.Ordinal);
        Assert.DoesNotContain(song.Title, html, StringComparison.Ordinal);
        using var audio = await client.GetAsync($"s/{share.Token}/audio", Ct);
        Assert.Equal(HttpStatusCode.Gone, audio.StatusCode);
        Assert.Equal(1, (await SharingTestData.ReloadAsync(_app.Services, share.Id)).Visits);

        // An expired link is never handed out again for the same choices.
        var service = _app.Services.AsAdmin<ShareService>();
        var list = await service.ListAsync(song.Id, Ct);
        Assert.Equal(ShareState.Expired, Assert.Single(list).StateAt(_clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task ALinkCannotBeCreatedAlreadyExpired()
    {
        var song = await SharingTestData.AddCompletedSongAsync(_app.Services, Start.UtcDateTime);
        var service = _app.Services.AsAdmin<ShareService>();

        var result = await service.CreateOrReuseAsync(song.Id, new ShareOptions(ShareVisibility.Public, Start.UtcDateTime, false), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("The expiry must be in the future.", result.Error);
    }
}
