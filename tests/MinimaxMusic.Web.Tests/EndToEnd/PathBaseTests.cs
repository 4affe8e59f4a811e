using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.EndToEnd;

/// <summary>
/// Behind a reverse proxy that serves the app under /music (App:PathBase): every page, link, script, the circuit,
/// the player and the API work under that path.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PathBaseTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public ValueTask InitializeAsync()
    {
        var settings = TestApp.FastPolling();
        settings["App:PathBase"] = "/music";
        _app = new TestApp(settings);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task UnderAPathBase_TheHistoryLinksToTheTrack_WhichPlaysItsAudio_AndTheApiNamesFullPaths()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = TeamAccount.CreateClient(new Uri(_app.BaseAddress, "music/"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz", ct)).StatusCode);
        var reference = _app.Services.GetRequiredService<DemoMode>().SampleReference!.ToString();
        using var post = await http.PostAsJsonAsync("api/generations", new { lyrics = "Harbour lights\nGuide us home", referenceAudioUrl = reference }, ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        Assert.Equal($"/music/api/generations/{id}", post.Headers.Location?.ToString());
        await _app.WaitForAsync(id, g => g.IsArchived);
        var song = await http.GetFromJsonAsync<JsonElement>($"api/generations/{id}", ct);
        Assert.Equal($"/music/media/{id}", song.GetProperty("audioUrl").GetString());

        await using var context = await browser.Browser.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, new Uri(_app.BaseAddress, "music/history"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Harbour lights" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(_app.BaseAddress, $"music/tracks/{id}").ToString());
        var audio = page.Locator("audio.song-player");
        await page.WaitForFunctionAsync("el => el.readyState >= 1 && el.duration > 0", await audio.ElementHandleAsync(), new() { Timeout = 15_000 });
        Assert.EndsWith($"/music/media/{id}", await audio.EvaluateAsync<string>("el => el.currentSrc"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(_app.BaseAddress, "music/history").ToString());
    }
}
