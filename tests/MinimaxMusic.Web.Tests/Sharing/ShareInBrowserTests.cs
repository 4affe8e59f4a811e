using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Sharing;

/// <summary>A team member shares a song publicly from the history; someone with no account plays it.</summary>
[Trait("Category", "Integration")]
public sealed class ShareInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new TestApp(TestApp.FastPolling());
        await SharingTestData.CreateAdminAsync(_app.Services);
        var reference = _app.Services.GetRequiredService<DemoMode>().SampleReference!.ToString();
        var submitted = await _app.CreateGenerationService().SubmitAsync(SharingTestData.Lyrics, reference, TestContext.Current.CancellationToken);
        Assert.True(submitted.Accepted, string.Join("; ", submitted.Errors));
        await _app.WaitForAsync(submitted.GenerationId!.Value, g => g.IsArchived);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CopyShareLink_Public_FromTheHistory_PlaysInAnAnonymousBrowser()
    {
        await using var member = await browser.Browser.NewContextAsync();
        await member.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = _app.BaseAddress.GetLeftPart(UriPartial.Authority) });
        // Signs in through the real /login form (the admin exists already), then waits for the circuit.
        var page = await BrowserFixture.OpenInteractiveAsync(member, new Uri(_app.BaseAddress, "history"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy share link", Exact = true }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Team — signed-in members" })).ToBeCheckedAsync();
        await dialog.GetByText("Public — anyone with the link").ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Public — anyone with the link" })).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();

        var field = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Share link", Exact = true });
        await Assertions.Expect(field).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/s/[A-Za-z0-9_-]{43}$"));
        var url = await field.InputValueAsync();
        Assert.StartsWith(_app.BaseAddress.ToString(), url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("Share link copied")).ToBeVisibleAsync();
        Assert.Equal(url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        var token = url[(url.LastIndexOf('/') + 1)..];
        var stored = await _app.Services.GetRequiredService<SharedSongs>().ResolveAsync(token, TestContext.Current.CancellationToken);
        Assert.Equal(ShareOutcome.Active, stored.Outcome);
        Assert.Equal(ShareVisibility.Public, stored.Share!.Visibility);

        // Someone outside the team: a fresh browser context, no cookies.
        await using var stranger = await browser.Browser.NewContextAsync();
        var shared = await stranger.NewPageAsync();
        var response = await shared.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(shared.GetByRole(AriaRole.Heading, new() { Name = stored.Song!.Title })).ToBeVisibleAsync();
        var audio = shared.Locator("audio[controls]");
        await shared.WaitForFunctionAsync("el => el.readyState >= 1 && el.duration > 0", await audio.ElementHandleAsync(), new() { Timeout = 15_000 });
        Assert.True(await audio.EvaluateAsync<double>("el => el.duration") > 0);
        await Assertions.Expect(shared.GetByRole(AriaRole.Img, new() { Name = "Waveform — click to seek" })).ToBeVisibleAsync();
    }
}
