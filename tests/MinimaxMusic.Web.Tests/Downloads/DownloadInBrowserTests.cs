using Microsoft.Playwright;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Downloads;

/// <summary>In Chromium: a member opens a finished song, picks FLAC from the Download menu and keeps a tagged file.</summary>
[Trait("Category", "Integration")]
public sealed class DownloadInBrowserTests(BrowserFixture browser, DownloadApp world) : IClassFixture<BrowserFixture>, IClassFixture<DownloadApp>
{
    [Fact]
    public async Task FlacFromTheDownloadMenu_IsSavedUnderTheTitle_WithTitleAndLyricsTagsFfprobeReads()
    {
        var song = await world.AddSongAsync("Silver bay");
        await using var context = await browser.Browser.NewContextAsync(new() { AcceptDownloads = true });
        var page = await BrowserFixture.OpenInteractiveAsync(context, new Uri(world.App.BaseAddress, $"tracks/{song.Id}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Download", Exact = true }).ClickAsync();
        var flac = page.Locator(".download-option", new() { HasText = "FLAC" });
        var download = await page.RunAndWaitForDownloadAsync(() => flac.ClickAsync());

        Assert.Equal("Silver bay.flac", download.SuggestedFilename);
        var file = await DownloadedAudio.ReadAsync(download);
        Assert.Equal("flac", file.Codec);
        Assert.Equal("Silver bay", file.Tags["TITLE"]);
        Assert.Equal(DownloadApp.Lyrics, file.Tags["LYRICS"]);
    }
}
