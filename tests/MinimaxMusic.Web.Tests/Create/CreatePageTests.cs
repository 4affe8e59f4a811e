using Bunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Tests.References;
using MinimaxMusic.Web.Tests.Security;
using MinimaxMusic.Web.Upstream;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Create;

[Trait("Category", "Integration")]
public sealed class CreatePageTests : AppServicesContext
{
    private LocalServer? _tracks;


    protected override async ValueTask DisposeAsyncCore()
    {
        if (_tracks is not null)
        {
            await _tracks.DisposeAsync();
        }

        await base.DisposeAsyncCore();
    }

    [Fact]
    public void Counter_UpdatesAsTheWriterTypes()
    {
        var page = Render<CreatePage>();
        Assert.Equal("0 / 600", page.Find(".lyrics-counter").TextContent.Trim());

        page.Find("textarea").Input("Hello\nworld");

        page.WaitForAssertion(() => Assert.Equal("11 / 600", page.Find(".lyrics-counter").TextContent.Trim()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public async Task Generate_IsDisabledForEmptyAndOverlongLyrics(int length)
    {
        var tracks = await TracksAsync();
        var page = Render<CreatePage>();
        page.Find(".reference-input input").Input(tracks.Url("clip-20s.wav").ToString());
        page.Find("textarea").Input(new string('a', length));

        // The reference passes, so only the lyrics can be what keeps the button disabled.
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".reference-check-ok")), TimeSpan.FromSeconds(10));
        Assert.True(GenerateButton(page).HasAttribute("disabled"));
    }

    [Fact]
    public async Task LyricsThatShowNothing_ShowTheErrorAndKeepGenerateDisabled()
    {
        var tracks = await TracksAsync();
        var page = Render<CreatePage>();
        page.Find(".reference-input input").Input(tracks.Url("clip-20s.wav").ToString());
        page.Find("textarea").Input("\u200B\u2066\n\u2069\uFEFF");

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".reference-check-ok")), TimeSpan.FromSeconds(10));
        var error = page.FindAll(".lyrics-diagnostic[data-severity='error']").Single();
        Assert.Contains("There is nothing to sing", error.TextContent, StringComparison.Ordinal);
        Assert.True(GenerateButton(page).HasAttribute("disabled"));
    }

    [Fact]
    public async Task Generate_IsEnabledOnceTheLyricsAreValidAndTheReferencePassesItsCheck()
    {
        var tracks = await TracksAsync();
        var page = Render<CreatePage>();
        page.Find("textarea").Input(new string('a', 600));
        page.Find(".reference-input input").Input(tracks.Url("clip-20s.wav").ToString());

        page.WaitForAssertion(() => Assert.False(GenerateButton(page).HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        Assert.Contains("WAV · 20.0 s", page.Find(".reference-check-summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_ThatIsTooShort_ShowsWhyAndKeepsGenerateDisabled()
    {
        var tracks = await TracksAsync();
        var page = Render<CreatePage>();
        page.Find("textarea").Input("Hello world");
        page.Find(".reference-input input").Input(tracks.Url("clip-8s.wav").ToString());

        page.WaitForAssertion(
            () => Assert.Contains("the file is 8.0 s long; the model needs more than 15 s", page.Find(".reference-check-problem").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.True(GenerateButton(page).HasAttribute("disabled"));
    }

    [Fact]
    public async Task GenerateAgain_StartsFromTheSongsLyricsAndReference_AndChecksTheReference()
    {
        var tracks = await TracksAsync();
        var song = new SongBuilder
        {
            Id = Guid.NewGuid(),
            Title = "Harbour lights",
            Lyrics = "Harbour lights\nGuide us home",
            ReferenceAudioUrl = tracks.Url("clip-20s.wav").ToString(),
            Status = GenerationStatus.Completed,
            CreatedAtUtc = DateTime.UtcNow,
        }.Build();
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            db.Generations.Add(song);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/?from={song.Id}");
        var page = Render<CreatePage>();

        Assert.Equal(song.Lyrics, page.Find("textarea").GetAttribute("value") ?? page.Find("textarea").TextContent);
        Assert.Contains("Copied the lyrics and reference from “Harbour lights”", page.Find(".copied-from").TextContent, StringComparison.Ordinal);
        Assert.Equal($"tracks/{song.Id}", page.Find(".copied-from a").GetAttribute("href"));
        page.WaitForAssertion(() => Assert.False(GenerateButton(page).HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        Assert.Equal(song.ReferenceAudioUrl, page.Find(".reference-input input").GetAttribute("value"));
    }

    [Fact]
    public void GenerateAgain_OfADeletedSong_SaysSoAndStartsEmpty()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/?from={Guid.NewGuid()}");
        var page = Render<CreatePage>();

        Assert.Contains("The song to copy no longer exists", page.Find(".copied-from").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 / 600", page.Find(".lyrics-counter").TextContent.Trim());
    }

    [Fact]
    public void Diagnostics_PointToTheLineOfALoneAccompanimentMarker()
    {
        var page = Render<CreatePage>();

        page.Find("textarea").Input("First line\n##Second line");

        page.WaitForAssertion(() =>
        {
            var error = page.FindAll(".lyrics-diagnostic[data-severity='error']").Single();
            Assert.Contains("Line 2", error.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Preview_ShowsWhatTheModelReceives_IncludingPausesAndAccompaniment()
    {
        var page = Render<CreatePage>();
        page.Find("textarea").Input("Hello\n\nWorld");

        page.FindAll("button").Single(b => b.TextContent.Contains("Add accompaniment", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("##Hello\n\nWorld##", page.Find("textarea").GetAttribute("value") ?? page.Find("textarea").TextContent);
            Assert.Single(page.FindAll(".model-preview .model-preview-pause"));
            Assert.Equal(2, page.FindAll(".model-preview .model-preview-accompaniment").Count);
        });
    }

    [Fact]
    public void InsertPause_WithoutAKnownCaret_AddsABlankLineAtTheEnd()
    {
        var page = Render<CreatePage>();
        page.Find("textarea").Input("Hello");

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Insert pause").Click();

        page.WaitForAssertion(() => Assert.Equal("7 / 600", page.Find(".lyrics-counter").TextContent.Trim()));
    }

    [Fact]
    public void Counter_TurnsToTheErrorColourPastTheLimit()
    {
        var page = Render<CreatePage>();
        page.Find("textarea").Input(new string('a', 601));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("601 / 600", page.Find(".lyrics-counter").TextContent.Trim());
            Assert.Contains("mud-error-text", page.Find(".lyrics-counter").ClassName, StringComparison.Ordinal);
        });
    }

    private async Task<LocalServer> TracksAsync() => _tracks ??= await LocalServer.StartAsync(app =>
    {
        var twenty = AudioFixtures.SineWav(TimeSpan.FromSeconds(20));
        var eight = AudioFixtures.SineWav(TimeSpan.FromSeconds(8));
        app.MapGet("/clip-20s.wav", () => Results.File(twenty, "audio/wav"));
        app.MapGet("/clip-8s.wav", () => Results.File(eight, "audio/wav"));
    });

    private static AngleSharp.Dom.IElement GenerateButton(IRenderedComponent<CreatePage> page) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Generate");

}
