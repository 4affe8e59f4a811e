using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Tracks;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Tests.Tracks;

/// <summary>The track page over the real GenerationService and a real SQLite file; songs are seeded straight into the database.</summary>
public sealed class TrackPageTests : AppServicesContext
{
    private static readonly DateTime Start = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);


    [Fact]
    public void CompletedArchivedSong_TimelineShowsEveryStepWithItsUtcTime()
    {
        var song = Seed(Completed(archived: true));

        var page = Open(song.Id);

        var timeline = page.Find("ol[aria-label='Status timeline']");
        var steps = timeline.QuerySelectorAll("li");
        Assert.Equal(["created", "submitted", "generating", "finished", "archived"], steps.Select(s => s.GetAttribute("data-step")));
        Assert.All(steps, s => Assert.Equal("done", s.GetAttribute("data-state")));
        Assert.Equal("2026-11-25 09:00:00 UTC", Step(page, "created").QuerySelector("time")!.TextContent);
        Assert.Equal("2026-11-25 09:00:01 UTC", Step(page, "submitted").QuerySelector("time")!.TextContent);
        Assert.Equal("2026-11-25 09:00:05 UTC", Step(page, "generating").QuerySelector("time")!.TextContent);
        Assert.Equal("2026-11-25 09:01:00 UTC", Step(page, "finished").QuerySelector("time")!.TextContent);
        Assert.Equal("2026-11-25 09:01:03 UTC", Step(page, "archived").QuerySelector("time")!.TextContent);
        Assert.Equal("Completed", page.Find(".song-status").TextContent.Trim());
    }

    [Fact]
    public void GeneratingSong_TimelineMarksTheLaterStepsPending()
    {
        var song = Seed(Generating());

        var page = Open(song.Id);

        Assert.Equal("done", Step(page, "generating").GetAttribute("data-state"));
        Assert.Equal("pending", Step(page, "finished").GetAttribute("data-state"));
        Assert.Equal("pending", Step(page, "finished").QuerySelector(".timeline-time")!.TextContent);
        Assert.Equal("pending", Step(page, "archived").GetAttribute("data-state"));
        Assert.Empty(page.FindAll("audio"));
    }

    [Fact]
    public void FailedSong_EndsTheTimelineWithItsError()
    {
        var song = Seed(new SongBuilder
        {
            Id = Guid.NewGuid(),
            Title = "Broken",
            Lyrics = "Broken",
            ReferenceAudioUrl = "https://cdn.example.com/reference.mp3",
            Status = GenerationStatus.Failed,
            CreatedAtUtc = Start,
            SubmittedAtUtc = Start.AddSeconds(1),
            FinishedAtUtc = Start.AddSeconds(30),
            ErrorName = "ModerationFailed",
            ErrorMessage = "The model refused these lyrics.",
        }.Build());

        var page = Open(song.Id);

        var steps = page.FindAll("ol[aria-label='Status timeline'] li");
        Assert.Equal(["created", "submitted", "generating", "failed"], steps.Select(s => s.GetAttribute("data-step")));
        var end = Step(page, "failed");
        Assert.Equal("failed", end.GetAttribute("data-state"));
        Assert.Contains("The model refused these lyrics.", end.TextContent, StringComparison.Ordinal);
        Assert.Equal("not reached", Step(page, "generating").QuerySelector(".timeline-time")!.TextContent);
        Assert.Contains("The model refused these lyrics.", page.Find(".track-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("audio"));
        Assert.DoesNotContain("Download", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownId_SaysTheSongDoesNotExist_AndLinksToHistory()
    {
        var page = Open(Guid.NewGuid());

        Assert.Contains("This song does not exist (it may have been deleted).", page.Find(".track-missing").TextContent, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "history");
        Assert.Empty(page.FindAll("article"));
    }

    [Fact]
    public void Waveform_HasOneBarPerPeak_TallerForLouderPeaks()
    {
        var song = Seed(Completed(archived: true));

        var page = Open(song.Id);

        var waveform = page.Find("svg[aria-label='Waveform — click to seek']");
        var bars = waveform.QuerySelectorAll(".waveform-bar");
        Assert.Equal(song.WaveformPeaks!.Length, bars.Length);
        Assert.True(Height(bars[^1]) > Height(bars[0]), "The loudest peak (last) should be the tallest bar.");
        Assert.Equal($"media/{song.Id}", waveform.GetAttribute("data-audio-src"));
    }

    [Fact]
    public void CompletedSong_HasThePlayerDownloadAndDetails()
    {
        var song = Seed(Completed(archived: true));

        var page = Open(song.Id);

        var audio = page.Find("audio.song-player");
        Assert.Equal($"media/{song.Id}", audio.GetAttribute("src"));
        Assert.Equal("Night drive", audio.GetAttribute("data-title"));
        Assert.Equal("metadata", audio.GetAttribute("preload"));
        Assert.NotNull(audio.GetAttribute("controls"));
        var links = page.FindAll("a");
        // The formats are in the Download menu (Downloads/DownloadMenuTests).
        Assert.Equal("Download", page.Find(".track-player .download-menu button").TextContent.Trim());
        Assert.Equal($"./?from={song.Id}", links.Single(a => a.TextContent.Trim() == "Generate again").GetAttribute("href"));
        var reference = links.Single(a => a.TextContent.Trim() == "Reference track");
        Assert.Equal("https://cdn.example.com/reference.mp3", reference.GetAttribute("href"));
        Assert.Equal("_blank", reference.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", reference.GetAttribute("rel"));
        Assert.Equal("1:15", page.Find(".track-duration").TextContent.Trim());
        Assert.Equal("12", page.Find(".track-credits").TextContent.Trim());
        Assert.Contains("last: 502 Bad Gateway", page.Find(".track-transient").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".song-archive-note"));
    }

    [Fact]
    public void CompletedSongNotYetArchived_SaysItPlaysFromTheAimlLink()
    {
        var song = Seed(Completed(archived: false));

        var page = Open(song.Id);

        Assert.Equal("Playing from the AIML link; the local copy is still being saved.", page.Find(".song-archive-note").TextContent.Trim());
        Assert.Equal("pending", Step(page, "archived").GetAttribute("data-state"));
    }

    [Fact]
    public void Lyrics_AreShownPreformattedInARegionLabelledLyrics()
    {
        var song = Seed(Completed(archived: true));

        var page = Open(song.Id);

        var heading = page.Find("#track-lyrics-heading");
        Assert.Equal("Lyrics", heading.TextContent.Trim());
        var region = page.Find("section[aria-labelledby='track-lyrics-heading']");
        Assert.Equal("Night drive\nheadlights on the rain\n\n##city hums##", region.QuerySelector("pre")!.TextContent);
    }

    [Fact]
    public void GeneratingSong_TurnsCompletedOnThePage_WithoutReload()
    {
        var song = Seed(Generating());
        var page = Open(song.Id);
        Assert.Equal("Generating", page.Find(".song-status").TextContent.Trim());

        UpdateStored(song.Id, g => g.Complete(new AudioLink("https://cdn.example.com/output.wav"), creditsUsed: 12, Start.AddMinutes(1)));
        Services.GetRequiredService<GenerationNotifier>().Publish(new GenerationChanged(song.Id, GenerationStatus.Completed, Finished: true));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Completed", page.Find(".song-status").TextContent.Trim());
            Assert.Single(page.FindAll("audio.song-player"));
        });
    }

    [Fact]
    public void SongDeletedWhileOpen_SaysItWasDeleted()
    {
        var song = Seed(Completed(archived: true));
        var page = Open(song.Id);

        Services.GetRequiredService<GenerationNotifier>().Publish(new GenerationChanged(song.Id, GenerationStatus.Completed, Deleted: true));

        page.WaitForAssertion(() => Assert.Contains("This song was deleted.", page.Find(".track-missing").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("audio"));
    }

    [Fact]
    public void ACoverOfASong_NamesItsParent_AndTheParentListsTheCover()
    {
        var original = Seed(Completed(archived: true));
        var cover = Seed(new SongBuilder
        {
            Title = "Night drive, in bossa nova",
            Request = new SongRequest(ModelCatalog.Cover, Style: "Bossa nova, nylon guitar, brushed drums",
                ReferenceUrl: "https://cdn.example.com/reference.mp3", Audio: new AudioChoice("wav", 32000)),
            Parent = new SongParent(original.Id, SongOrigin.CoverOf),
            CreatedAtUtc = Start.AddMinutes(5),
        }.Build());

        var coverPage = Open(cover.Id);
        var originalPage = Open(original.Id);

        Assert.Equal("Cover of Night drive (minimax-music)", Normalize(coverPage.Find(".track-parent").TextContent));
        Assert.Equal($"tracks/{original.Id}", coverPage.Find(".track-parent a").GetAttribute("href"));
        Assert.Equal("minimax/music-cover · wav · 32000 Hz", coverPage.Find(".track-model").TextContent.Trim());
        Assert.Equal("Bossa nova, nylon guitar, brushed drums", coverPage.Find(".track-style").TextContent);
        var child = Assert.Single(originalPage.FindAll(".track-children li"));
        Assert.Equal("Cover: Night drive, in bossa nova (minimax/music-cover, Completed)", Normalize(child.TextContent));
        Assert.Equal($"./?coverOf={original.Id}", originalPage.Find("a.make-cover").GetAttribute("href"));
    }

    [Fact]
    public void AnInstrumental_SaysSo_InsteadOfEmptyLyrics_AndHasNoReferenceRow()
    {
        var song = Seed(new SongBuilder
        {
            Request = new SongRequest(ModelCatalog.Music26, Style: "Lo-fi piano, rain, slow", Instrumental: true),
        }.Build());

        var page = Open(song.Id);

        Assert.Equal("Instrumental: no lyrics.", page.Find(".track-lyrics-note").TextContent.Trim());
        Assert.Empty(page.FindAll(".track-lyrics"));
        Assert.Empty(page.FindAll(".track-reference"));
        Assert.Equal("Lo-fi piano (instrumental)", page.Find(".track-title").TextContent.Trim());
        Assert.Empty(page.FindAll(".track-versions"));
    }

    [Fact]
    public void ASongWithAKnownCost_ShowsItInDollarsBesideItsCredits()
    {
        var song = Seed(Completed(archived: true, usdSpent: 0.06m));

        var page = Open(song.Id);

        Assert.Equal("$0.06", page.Find(".track-cost").TextContent.Trim());
        var terms = page.FindAll(".track-details dt").Select(dt => dt.TextContent.Trim()).ToList();
        Assert.Equal("Cost", terms[terms.IndexOf("Credits used") + 1]);
    }

    [Fact]
    public void ASongWhoseCostIsUnknown_ShowsNoCost_NotZero()
    {
        var song = Seed(Completed(archived: true));

        var page = Open(song.Id);

        Assert.Empty(page.FindAll(".track-cost"));
        Assert.DoesNotContain(page.FindAll(".track-details dt"), dt => dt.TextContent.Trim() == "Cost");
    }

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    private IRenderedComponent<TrackPage> Open(Guid id)
    {
        var page = Render<TrackPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-label='Loading song']")), TimeSpan.FromSeconds(5));
        return page;
    }

    private static AngleSharp.Dom.IElement Step(IRenderedComponent<TrackPage> page, string key) =>
        page.Find($"ol[aria-label='Status timeline'] li[data-step='{key}']");

    private static double Height(AngleSharp.Dom.IElement bar) =>
        double.Parse(bar.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture);

    private static Generation Completed(bool archived, decimal? usdSpent = null) => new SongBuilder
    {
        UsdSpent = usdSpent,
        Id = Guid.NewGuid(),
        Title = "Night drive",
        Lyrics = "Night drive\nheadlights on the rain\n\n##city hums##",
        ReferenceAudioUrl = "https://cdn.example.com/reference.mp3",
        Status = GenerationStatus.Completed,
        CreatedAtUtc = Start,
        SubmittedAtUtc = Start.AddSeconds(1),
        GeneratingAtUtc = Start.AddSeconds(5),
        FinishedAtUtc = Start.AddMinutes(1),
        ArchivedAtUtc = archived ? Start.AddSeconds(63) : null,
        ArchivedFileName = archived ? "song.wav" : null,
        AudioUrl = "https://cdn.example.com/output.wav",
        DurationSeconds = archived ? 75.4 : null,
        WaveformPeaks = archived ? [10, 40, 80, 120, 160, 200, 255] : null,
        CreditsUsed = 12,
        TransientErrorCount = 2,
        LastTransientError = "502 Bad Gateway",
    }.Build();

    private static Generation Generating() => new SongBuilder
    {
        Title = "Night drive",
        Lyrics = "Night drive\nheadlights on the rain\n\n##city hums##",
        Status = GenerationStatus.Generating,
        CreatedAtUtc = Start,
        SubmittedAtUtc = Start.AddSeconds(1),
        GeneratingAtUtc = Start.AddSeconds(5),
    }.Build();

    private Generation Seed(Generation song)
    {
        using var db = Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        db.Generations.Add(song);
        db.SaveChanges();
        return song;
    }

    private void UpdateStored(Guid id, Action<Generation> change)
    {
        using var db = Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        change(db.Generations.Single(g => g.Id == id));
        db.SaveChanges();
    }


}
