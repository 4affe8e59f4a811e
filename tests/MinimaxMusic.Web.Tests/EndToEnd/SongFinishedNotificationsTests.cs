using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.EndToEnd;

/// <summary>
/// When a song finishes, whoever has the app open hears about it: a toast in the app, and a browser notification
/// when they allowed them and are looking elsewhere. The browser's Notification API is replaced by a recorder
/// (headless Chromium has no notification centre); everything else is real.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SongFinishedNotificationsTests(BrowserFixture browser) : FreshAppTest, IClassFixture<BrowserFixture>
{
    // Runs before the app's scripts: a Notification that records instead of showing, and a window without focus.
    private const string RecordingNotification = """
        window.__notifications = [];
        window.__permission = "%PERMISSION%";
        class RecordingNotification {
            constructor(title, options) { window.__notifications.push({ title, body: options.body, tag: options.tag }); }
            close() {}
            static get permission() { return window.__permission; }
            static requestPermission() { window.__permission = "granted"; return Promise.resolve("granted"); }
        }
        window.Notification = RecordingNotification;
        document.hasFocus = () => false;
        """;

    [Fact]
    public async Task ASongFinishingElsewhere_ShowsAToastWithALinkToIt_AndABrowserNotification()
    {
        await using var context = await browser.Browser.NewContextAsync();
        await context.AddInitScriptAsync(RecordingNotification.Replace("%PERMISSION%", "granted", StringComparison.Ordinal));
        var page = await BrowserFixture.OpenInteractiveAsync(context, new Uri(App.BaseAddress, "/history"));
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Browser notifications are on" })).ToBeVisibleAsync();

        // Submitted by someone else (the API), not from this page.
        var id = await SubmitAsync("Lanterns on the river\nFloating slowly home");

        var toast = page.Locator(".mud-snackbar").Filter(new() { HasText = "“Lanterns on the river” is ready." });
        await Assertions.Expect(toast).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var notifications = await page.EvaluateAsync<JsonElement>("() => window.__notifications");
        var notification = Assert.Single(notifications.EnumerateArray());
        Assert.Equal("Lanterns on the river — Completed", notification.GetProperty("title").GetString());
        Assert.Equal($"tracks/{id}", notification.GetProperty("tag").GetString());

        await toast.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, $"/tracks/{id}").ToString());
    }

    [Fact]
    public async Task EnablingNotifications_AsksTheBrowserOnce_AndThenSaysTheyAreOn()
    {
        await using var context = await browser.Browser.NewContextAsync();
        await context.AddInitScriptAsync(RecordingNotification.Replace("%PERMISSION%", "default", StringComparison.Ordinal));
        var page = await BrowserFixture.OpenInteractiveAsync(context, App.BaseAddress);

        await page.GetByRole(AriaRole.Button, new() { Name = "Enable browser notifications" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Browser notifications are on" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enable browser notifications" })).ToHaveCountAsync(0);
    }

    private async Task<Guid> SubmitAsync(string lyrics)
    {
        var reference = App.Services.GetRequiredService<DemoMode>().SampleReference!.ToString();
        using var http = App.CreateClient();
        using var response = await http.PostAsJsonAsync("/api/generations", new { lyrics, referenceAudioUrl = reference },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("id").GetGuid();
    }
}
