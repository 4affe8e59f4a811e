using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.EndToEnd;

/// <summary>
/// The newer models in a real browser, the app in demo mode as the README starts it: a 2.6 song from a style and tagged
/// lyrics, an instrumental, a cover of a finished song, a tagged FLAC download, and what it all cost on the Usage page.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ModelsInBrowserTests(BrowserFixture browser) : FreshAppTest, IClassFixture<BrowserFixture>
{
    private const string Style = "Warm lo-fi pop, soft female vocal, piano and brushed drums";
    private const string TaggedLyrics = "[Verse]\nStreetlights flicker, the night breeze sighs\nShadows stretch as I walk alone\n[Chorus]\nPushing the wooden door, the aroma spreads\nIn this small cafe, I find my way";

    [Fact]
    public async Task A26SongFromStyleAndTags_Plays_ItsCoverPlaysAndNamesIt_FlacKeepsTheTags_AndUsageShowsTheDollars()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { AcceptDownloads = true });
        var page = await BrowserFixture.OpenInteractiveAsync(context, App.BaseAddress);

        // A 2.6 song: the model picker, the style with its own counter, lyrics with section tags.
        await ChooseModelAsync(page, ModelCatalog.Music26);
        await page.GetByLabel("Style").FillAsync(Style);
        await Assertions.Expect(page.Locator(".style-counter")).ToHaveTextAsync($"{Style.Length} / 2000");
        await page.GetByLabel("Lyrics").FillAsync(TaggedLyrics);
        await Assertions.Expect(page.Locator(".lyrics-counter")).ToHaveTextAsync($"{TaggedLyrics.Length} / 3000");
        var songId = await GenerateAndWaitAsync(page);

        await page.GotoAsync(new Uri(App.BaseAddress, $"tracks/{songId}").ToString());
        await AssertPlaysAsync(page);
        await Assertions.Expect(page.Locator(".track-model")).ToContainTextAsync(ModelCatalog.Music26);
        await Assertions.Expect(page.Locator(".track-cost")).ToHaveTextAsync("$0.195");

        // A FLAC download of it keeps its title and lyrics as tags.
        await page.GetByRole(AriaRole.Button, new() { Name = "Download", Exact = true }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".download-option", new() { HasText = "FLAC" }).ClickAsync());
        var flac = await DownloadedAudio.ReadAsync(download);
        Assert.Equal("flac", flac.Codec);
        Assert.Equal("Streetlights flicker, the night breeze sighs", flac.Tags["TITLE"]);
        Assert.Equal(TaggedLyrics, flac.Tags["LYRICS"]);

        // Make a cover of the finished song: the cover model, the song as the reference, a new style.
        await page.Locator("a.make-cover").First.ClickAsync();
        await page.Locator("#app-root[data-interactive='true']").WaitForAsync();
        await Assertions.Expect(page.Locator(".model-select input").First).ToHaveValueAsync(new Regex(Regex.Escape(ModelCatalog.Cover)));
        await Assertions.Expect(page.Locator(".reference-check-summary")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByLabel("Style").FillAsync("Acoustic folk, male vocal, fingerpicked guitar");
        var coverId = await GenerateAndWaitAsync(page);

        await page.GotoAsync(new Uri(App.BaseAddress, $"tracks/{coverId}").ToString());
        await AssertPlaysAsync(page);
        await Assertions.Expect(page.Locator(".track-parent")).ToContainTextAsync("Cover of Streetlights flicker, the night breeze sighs");
        await Assertions.Expect(page.Locator(".track-cost")).ToHaveTextAsync("$0.10");

        // The admin's Usage page adds it up: $0.195 + $0.10.
        await page.GotoAsync(new Uri(App.BaseAddress, "admin/usage").ToString());
        await Assertions.Expect(page.Locator(".usage-total-usd")).ToHaveTextAsync("$0.295", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator(".usage-model-table")).ToContainTextAsync(ModelCatalog.Music26);
        await Assertions.Expect(page.Locator(".usage-model-table")).ToContainTextAsync(ModelCatalog.Cover);
    }

    [Fact]
    public async Task AnInstrumental_NeedsNoLyrics_AndPlays()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, App.BaseAddress);

        await ChooseModelAsync(page, ModelCatalog.Music26);
        await page.GetByLabel("Instrumental").CheckAsync();
        await page.GetByLabel("Style").FillAsync("Calm piano and soft strings, slow and gentle");
        var songId = await GenerateAndWaitAsync(page);

        await page.GotoAsync(new Uri(App.BaseAddress, $"tracks/{songId}").ToString());
        await AssertPlaysAsync(page);
        await Assertions.Expect(page.Locator(".track-lyrics-note")).ToHaveTextAsync("Instrumental: no lyrics.");
    }

    private static async Task ChooseModelAsync(IPage page, string modelId)
    {
        await page.Locator(".model-select").ClickAsync();
        await page.Locator($".mud-list-item:has([data-model='{modelId}'])").ClickAsync();
        await Assertions.Expect(page.Locator(".model-select input").First).ToHaveValueAsync(new Regex(Regex.Escape(modelId)));
    }

    /// <summary>Presses Generate once the page allows it and waits for the new song's card to say Completed; its id.</summary>
    private static async Task<string> GenerateAndWaitAsync(IPage page)
    {
        var generate = page.GetByRole(AriaRole.Button, new() { Name = "Generate", Exact = true });
        await Assertions.Expect(generate).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await generate.ClickAsync();
        var card = page.Locator("[data-generation-id]").First;
        await Assertions.Expect(card.Locator(".song-status")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        return (await card.GetAttributeAsync("data-generation-id"))!;
    }

    private static async Task AssertPlaysAsync(IPage page)
    {
        var audio = page.Locator("audio.song-player");
        await Assertions.Expect(audio).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("el => el.readyState >= 1 && el.duration > 0", await audio.ElementHandleAsync(),
            new() { Timeout = 30_000 });
        var duration = await audio.EvaluateAsync<double>("el => el.duration");
        Assert.True(duration > 1, $"The audio element reports {duration} s.");
    }
}
