using Microsoft.Playwright;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.References;

namespace MinimaxMusic.Web.Tests.EndToEnd;

/// <summary>A writer uploads a reference from their laptop, names it, and picks it again after a reload.</summary>
[Trait("Category", "Integration")]
public sealed class ReferenceLibraryTests(BrowserFixture browser) : FreshAppTest, IClassFixture<BrowserFixture>
{
    private protected override Dictionary<string, string?> Settings()
    {
        var settings = TestApp.FastPolling();
        settings["App:PublicBaseUrl"] = "https://music.example.com/";
        return settings;
    }

    [Fact]
    public async Task AnUploadedReference_IsCheckedSavedAndPickedAgainAfterAReload()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, App.BaseAddress);
        await page.GetByLabel("Lyrics").FillAsync("Salt on the wind\nWe row for the shore");

        await page.Locator("#reference-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "harbour-take.wav",
            MimeType = "audio/wav",
            Buffer = AudioFixtures.SineWav(TimeSpan.FromSeconds(20)),
        });

        await Assertions.Expect(page.Locator(".reference-check-summary")).ToContainTextAsync("WAV · 20.0 s", new() { Timeout = 20_000 });
        var url = await page.GetByLabel("Reference track URL").InputValueAsync();
        Assert.StartsWith("https://music.example.com/references/", url, StringComparison.Ordinal);
        var generate = page.GetByRole(AriaRole.Button, new() { Name = "Generate" });
        await Assertions.Expect(generate).ToBeEnabledAsync();

        await page.GetByLabel("Reference name").FillAsync("Harbour take");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reference" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Reference name")).ToHaveCountAsync(0);

        // A fresh visit: clear the box, pick the saved reference, and it passes its check again.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#app-root[data-interactive='true']");
        await page.GetByLabel("Reference track URL").FillAsync("");
        await page.GetByLabel("Saved references").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Harbour take · WAV · 20 s" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Reference track URL")).ToHaveValueAsync(url);
        await Assertions.Expect(page.Locator(".reference-check-summary")).ToContainTextAsync("WAV · 20.0 s", new() { Timeout = 20_000 });
        await Assertions.Expect(generate).ToBeEnabledAsync();
    }
}
