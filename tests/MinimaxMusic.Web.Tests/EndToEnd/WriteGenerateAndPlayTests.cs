using Microsoft.Playwright;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.EndToEnd;

/// <summary>A person in a real browser, the app in demo mode exactly as the README's run command starts it.</summary>
[Trait("Category", "Integration")]
public sealed class WriteGenerateAndPlayTests(BrowserFixture browser) : FreshAppTest, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ASongWrittenOnCreate_ReachesCompletedInHistoryWithoutReload_AndPlays()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, App.BaseAddress);

        await Assertions.Expect(page.GetByText("Demo mode — songs are simulated locally.")).ToBeVisibleAsync();
        var generate = page.GetByRole(AriaRole.Button, new() { Name = "Generate" });
        await Assertions.Expect(generate).ToBeDisabledAsync();

        await page.GetByLabel("Lyrics").FillAsync("Lanterns on the river\nFloating slowly home\n\nWe sing them on their way");
        await Assertions.Expect(page.GetByText("69 / 600")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "What the model receives" })).ToContainTextAsync("pause");

        // The reference is downloaded and measured before Generate is allowed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the demo reference track" }).ClickAsync();
        await Assertions.Expect(page.Locator(".reference-check-summary")).ToContainTextAsync("WAV", new() { Timeout = 15_000 });
        await Assertions.Expect(generate).ToBeEnabledAsync();
        await generate.ClickAsync();

        await Assertions.Expect(page.Locator(".song-status").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Queued|Generating|Completed"));

        // Navigate inside the app (no reload): the circuit stays, History updates live.
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).First.ClickAsync();
        var song = page.Locator("[data-generation-id]").Filter(new() { HasText = "Lanterns on the river" });
        await Assertions.Expect(song).ToHaveCountAsync(1);
        await Assertions.Expect(song.Locator(".song-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });

        var audio = song.Locator("audio");
        await Assertions.Expect(audio).ToHaveAttributeAsync("controls", "");
        var src = await audio.GetAttributeAsync("src");
        Assert.StartsWith("media/", src, StringComparison.Ordinal);
        await page.WaitForFunctionAsync("el => el.readyState >= 1 && el.duration > 0", await audio.ElementHandleAsync(),
            new() { Timeout = 15_000 });
        var duration = await audio.EvaluateAsync<double>("el => el.duration");
        Assert.True(duration > 1, $"The audio element reports {duration} s.");
    }
}
