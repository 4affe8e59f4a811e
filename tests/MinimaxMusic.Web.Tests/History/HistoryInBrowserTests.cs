using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.History;

/// <summary>A person tidying up the history in a real browser; the app in demo mode with three finished songs.</summary>
[Trait("Category", "Integration")]
public sealed partial class HistoryInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    private readonly Dictionary<string, Generation> _songs = [];

    public async ValueTask InitializeAsync()
    {
        _app = new TestApp(TestApp.FastPolling());
        var reference = await SampleReferenceAsync();
        var generations = _app.CreateGenerationService();
        var submitted = new List<(string Lyrics, Guid Id)>();
        foreach (var lyrics in new[] { "Morning light on the harbour", "Evening tide rolls in", "Rain on the roof" })
        {
            var result = await generations.SubmitAsync(lyrics, reference.ToString(), TestContext.Current.CancellationToken);
            Assert.True(result.Accepted, string.Join("; ", result.Errors));
            submitted.Add((lyrics, result.GenerationId!.Value));
        }

        foreach (var (lyrics, id) in submitted)
        {
            _songs[lyrics] = await _app.WaitForAsync(id, g => g.IsArchived);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task SearchRenameFavouriteAndDelete_WorkInTheBrowser_AndTheDeletedSongsAudioIsGone()
    {
        var evening = _songs["Evening tide rolls in"];
        var archivedFile = _app.Services.GetRequiredService<AudioStore>().PathOf(AudioKind.Song, evening.ArchivedFileName)!;
        using var http = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"/media/{evening.Id}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.True(File.Exists(archivedFile));

        await using var context = await browser.Browser.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, new Uri(_app.BaseAddress, "/history"));
        await Assertions.Expect(page.GetByText("3 songs")).ToBeVisibleAsync();

        // Search: typing pauses, the URL follows, and typing on afterwards is not lost.
        var search = page.GetByLabel("Search", new() { Exact = true });
        await search.PressSequentiallyAsync("tid");
        await page.WaitForURLAsync(QueryTid());
        await search.PressSequentiallyAsync("e");
        await page.WaitForURLAsync(QueryTide());
        var songs = page.Locator("[data-generation-id]");
        await Assertions.Expect(songs).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("1 song", new() { Exact = true })).ToBeVisibleAsync();

        // A reload (or a shared link) shows the same list.
        await page.ReloadAsync();
        await page.Locator("#app-root[data-interactive='true']").WaitForAsync();
        await Assertions.Expect(page.GetByLabel("Search", new() { Exact = true })).ToHaveValueAsync("tide");
        var song = page.Locator($"[data-generation-id='{evening.Id}']");
        await Assertions.Expect(songs).ToHaveCountAsync(1);
        await Assertions.Expect(song.GetByRole(AriaRole.Link, new() { Name = "Evening tide rolls in" })).ToHaveAttributeAsync("href", $"tracks/{evening.Id}");

        // Rename inline.
        await song.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        var title = song.GetByLabel("Title", new() { Exact = true });
        await Assertions.Expect(title).ToHaveValueAsync("Evening tide rolls in");
        await title.FillAsync("Evening tide (final)");
        await song.GetByRole(AriaRole.Button, new() { Name = "Save title" }).ClickAsync();
        await Assertions.Expect(song.Locator(".song-title")).ToHaveTextAsync("Evening tide (final)");
        await Assertions.Expect(title).ToHaveCountAsync(0);

        // Favourite: a toggle button with its state.
        await song.GetByRole(AriaRole.Button, new() { Name = "Add to favourites" }).ClickAsync();
        var unfavourite = song.GetByRole(AriaRole.Button, new() { Name = "Remove from favourites" });
        await Assertions.Expect(unfavourite).ToHaveAttributeAsync("aria-pressed", "true");

        // Delete asks first; confirming removes the song and its audio.
        await song.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Delete “Evening tide (final)”? The song and its audio file are removed for everyone. This cannot be undone.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByText("Deleted “Evening tide (final)”.")).ToBeVisibleAsync();
        await Assertions.Expect(song).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No songs match")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"/media/{evening.Id}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.False(File.Exists(archivedFile));

        // Clearing the filters brings back the other two.
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Assertions.Expect(songs).ToHaveCountAsync(2);
        Assert.EndsWith("/history", page.Url, StringComparison.Ordinal);
    }

    private async Task<Uri> SampleReferenceAsync()
    {
        var demo = _app.Services.GetRequiredService<DemoMode>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (demo.SampleReference is null)
        {
            await Task.Delay(50, cts.Token);
        }

        return demo.SampleReference;
    }

    [GeneratedRegex(@"/history\?q=tid$")]
    private static partial Regex QueryTid();

    [GeneratedRegex(@"/history\?q=tide$")]
    private static partial Regex QueryTide();
}
