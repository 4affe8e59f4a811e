using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Tracks;

/// <summary>The track page and the persistent player bar in Chromium, against the app in demo mode.</summary>
[Trait("Category", "Integration")]
public sealed class TrackPlaybackTests(BrowserFixture browser) : FreshAppTest, IClassFixture<BrowserFixture>
{
    // Several lines so the simulated song lasts long enough to play across a navigation.
    private const string Lyrics = "Lanterns on the river\nFloating slowly home\n\nWe sing them on their way\nUntil the night is gone\n\nLanterns on the river\nFloating slowly home";

    [Fact]
    public async Task ClickingTheWaveformAtHalfway_SeeksTheAudioToHalfItsDuration()
    {
        var song = await GenerateArchivedSongAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, new Uri(App.BaseAddress, $"tracks/{song.Id}"));

        var audio = page.Locator("audio.song-player");
        await page.WaitForFunctionAsync("el => el.readyState >= 1 && el.duration > 0", await audio.ElementHandleAsync(), new() { Timeout = 15_000 });
        var waveform = page.GetByRole(AriaRole.Img, new() { Name = "Waveform — click to seek" });
        await Assertions.Expect(waveform.Locator(".waveform-bar")).ToHaveCountAsync(song.WaveformPeaks!.Length);

        var box = (await waveform.BoundingBoxAsync())!;
        await waveform.ClickAsync(new() { Position = new() { X = box.Width / 2, Y = box.Height / 2 } });

        await page.WaitForFunctionAsync("el => el.currentTime > 0", await audio.ElementHandleAsync(), new() { Timeout = 5_000 });
        var duration = await audio.EvaluateAsync<double>("el => el.duration");
        var position = await audio.EvaluateAsync<double>("el => el.currentTime");
        Assert.InRange(position, duration * 0.45, duration * 0.55);
        // The played overlay follows the position without a server round trip.
        var played = await page.Locator(".waveform-progress").EvaluateAsync<double>("el => Number(el.getAttribute('width'))");
        Assert.InRange(played, song.WaveformPeaks.Length * 0.45, song.WaveformPeaks.Length * 0.55);
    }

    [Fact]
    public async Task APlayingTrack_KeepsPlayingInThePlayerBar_AfterNavigatingToHistory()
    {
        var song = await GenerateArchivedSongAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, new Uri(App.BaseAddress, $"tracks/{song.Id}"));
        var bar = page.GetByRole(AriaRole.Region, new() { Name = "Player" });
        await Assertions.Expect(bar).ToBeHiddenAsync();

        var audio = page.Locator("audio.song-player");
        await audio.EvaluateAsync("el => { el.muted = true; return el.play(); }");
        await page.WaitForFunctionAsync("el => !el.paused && el.currentTime > 0.3", await audio.ElementHandleAsync(), new() { Timeout = 15_000 });

        // The bar mirrors the page's player while it plays.
        await Assertions.Expect(bar).ToBeVisibleAsync();
        await Assertions.Expect(bar.Locator(".player-bar-title")).ToHaveTextAsync(song.Title);
        await Assertions.Expect(bar.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToBeVisibleAsync();

        // Mark the document: a full reload would lose it.
        await page.EvaluateAsync("() => window.__sameDocument = true");
        var before = await audio.EvaluateAsync<double>("el => el.currentTime");
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "history").ToString());
        await Assertions.Expect(page.Locator("audio.song-player[data-title]")).ToHaveCountAsync(0);

        var barAudio = page.Locator("audio.player-bar-audio");
        await Assertions.Expect(barAudio).ToHaveAttributeAsync("aria-label", "Now playing");
        await page.WaitForFunctionAsync("el => !el.paused && el.readyState >= 2", await barAudio.ElementHandleAsync(), new() { Timeout = 15_000 });
        var after = await barAudio.EvaluateAsync<double>("el => el.currentTime");
        Assert.True(after >= before, $"The bar resumed at {after} s, before navigating it was at {before} s.");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Navigation reloaded the page.");
        Assert.EndsWith($"/media/{song.Id}", await barAudio.EvaluateAsync<string>("el => el.src"), StringComparison.Ordinal);
        await Assertions.Expect(bar.Locator(".player-bar-title")).ToHaveTextAsync(song.Title);
        await Assertions.Expect(bar.GetByRole(AriaRole.Link, new() { Name = song.Title })).ToHaveAttributeAsync("href", $"tracks/{song.Id}");

        // One song at a time: starting a history player pauses the bar.
        var historyPlayer = page.Locator("audio.song-player").First;
        await historyPlayer.EvaluateAsync("el => { el.muted = true; return el.play(); }");
        await page.WaitForFunctionAsync("el => el.paused", await barAudio.ElementHandleAsync(), new() { Timeout = 5_000 });

        // Closing the bar stops everything and hides it.
        await bar.GetByRole(AriaRole.Button, new() { Name = "Close player" }).ClickAsync();
        await Assertions.Expect(bar).ToBeHiddenAsync();
        Assert.True(await historyPlayer.EvaluateAsync<bool>("el => el.paused"));
    }

    private async Task<Generation> GenerateArchivedSongAsync()
    {
        var reference = App.Services.GetRequiredService<DemoMode>().SampleReference!.ToString();
        using var client = App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/generations", new { lyrics = Lyrics, referenceAudioUrl = reference },
            TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = created.GetProperty("id").GetGuid();
        var song = await App.WaitForAsync(id, g => g.IsFinal && (g.IsArchived || g.Status != GenerationStatus.Completed));
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.True(song.IsArchived, song.LastArchiveError);
        Assert.NotNull(song.WaveformPeaks);
        return song;
    }
}
