using Bunit;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

public sealed class SongCardArchiveTests : MudBunitContext
{
    [Fact]
    public void CompletedSongNotYetArchived_SaysItPlaysFromTheAimlLink()
    {
        var card = Render<SongCard>(p => p.Add(c => c.Song, Song(archived: false)));

        Assert.Contains("Playing from the AIML link; the local copy is still being saved.", card.Markup, StringComparison.Ordinal);
        Assert.Empty(card.FindAll(".song-duration"));
        Assert.Equal($"media/{card.Instance.Song.Id}", card.Find("audio").GetAttribute("src"));
    }

    [Fact]
    public void ArchivedSong_ShowsItsDurationAndNoFallbackNote()
    {
        var card = Render<SongCard>(p => p.Add(c => c.Song, Song(archived: true)));

        Assert.Contains("1:15", card.Find(".song-duration").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("AIML link", card.Markup, StringComparison.Ordinal);
    }

    private static Generation Song(bool archived) => new SongBuilder
    {
        Id = Guid.NewGuid(),
        Title = "Morning light",
        Lyrics = "Morning light",
        ReferenceAudioUrl = "https://cdn.example.com/reference.mp3",
        Status = GenerationStatus.Completed,
        AudioUrl = "https://cdn.example.com/output.wav",
        ArchivedAtUtc = archived ? new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc) : null,
        ArchivedFileName = archived ? "song.wav" : null,
        DurationSeconds = archived ? 75.4 : null,
        FinishedAtUtc = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc),
    }.Build();
}
