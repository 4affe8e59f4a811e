using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Create;

public sealed class ModelSwitchTests
{
    private static readonly MusicModel Legacy = ModelCatalog.Find(ModelCatalog.Legacy)!;
    private static readonly MusicModel Music15 = ModelCatalog.Find(ModelCatalog.Music15)!;
    private static readonly MusicModel Music20 = ModelCatalog.Find(ModelCatalog.Music20)!;
    private static readonly MusicModel Music26 = ModelCatalog.Find(ModelCatalog.Music26)!;
    private static readonly MusicModel Cover = ModelCatalog.Find(ModelCatalog.Cover)!;

    private static readonly LyricsDraft Everything = new(
        "[Verse]\nHarbour lights", "https://cdn.example.com/ref.mp3", ModelCatalog.Music26, "Warm lo-fi pop with piano",
        Instrumental: false, WriteLyrics: false, new AudioChoice("wav", 32000, 128000));

    [Fact]
    public void RequestFor_TheLegacyModel_SendsOnlyTheLyricsAndTheReference()
    {
        var request = ModelSwitch.RequestFor(Legacy, Everything with { Instrumental = true });

        Assert.Equal(new SongRequest(ModelCatalog.Legacy, Lyrics: Everything.Lyrics, ReferenceUrl: Everything.ReferenceUrl), request);
    }

    [Fact]
    public void RequestFor_Music15_SendsStyleLyricsAndAudio_ButNoReference()
    {
        var request = ModelSwitch.RequestFor(Music15, Everything);

        Assert.Equal(
            new SongRequest(ModelCatalog.Music15, Everything.Style, Everything.Lyrics, ReferenceUrl: null, Audio: Everything.Audio),
            request);
    }

    [Fact]
    public void RequestFor_AnInstrumental_LeavesTheLyricsOnThePageUnsent()
    {
        var request = ModelSwitch.RequestFor(Music26, Everything with { Instrumental = true, WriteLyrics = true });

        Assert.Null(request.Lyrics);
        Assert.True(request.Instrumental);
        Assert.False(request.WriteLyrics);
        Assert.Empty(ModelRules.Validate(Music26, request));
    }

    [Fact]
    public void RequestFor_WriteTheLyricsForMe_SendsNoLyrics()
    {
        var request = ModelSwitch.RequestFor(Music26, Everything with { WriteLyrics = true });

        Assert.Null(request.Lyrics);
        Assert.True(request.WriteLyrics);
        Assert.Empty(ModelRules.Validate(Music26, request));
    }

    [Fact]
    public void RequestFor_TheCoverModel_SendsTheReference()
    {
        var request = ModelSwitch.RequestFor(Cover, Everything);

        Assert.Equal(Everything.ReferenceUrl, request.ReferenceUrl);
        Assert.Equal(Everything.Style, request.Style);
    }

    [Fact]
    public void Notes_ForTheLegacyModel_SayWhatItDoesNotTake()
    {
        var draft = Everything with { Lyrics = new string('a', 900), Instrumental = true };

        var notes = ModelSwitch.Notes(Legacy, draft);

        Assert.Equal(
        [
            "minimax-music takes no style description; it was kept in case you switch back.",
            "minimax-music makes no instrumentals, so it sings the lyrics; the Instrumental choice was kept in case you switch back.",
            "The lyrics are 900 characters; minimax-music takes 600.",
            "minimax-music has no output settings; yours (WAV, 32000 Hz, 128 kbit/s) were kept in case you switch back.",
        ], notes);
    }

    [Fact]
    public void Notes_ForAModelWithoutAReference_KeepItForLater()
    {
        var notes = ModelSwitch.Notes(Music15, Everything with { Model = ModelCatalog.Legacy });

        Assert.Equal(["minimax/music-1.5 takes no reference track; it was kept in case you switch back."], notes);
    }

    [Fact]
    public void Notes_CountTheStyleAndTheLyricsAgainstTheNewModelsLimits()
    {
        var draft = Everything with { Style = new string('s', 301), Lyrics = new string('l', 3001), ReferenceUrl = "" };

        Assert.Equal(
            ["The style is 301 characters; minimax/music-1.5 takes 300.", "The lyrics are 3001 characters; minimax/music-1.5 takes 3000."],
            ModelSwitch.Notes(Music15, draft));
        Assert.Equal(["The lyrics are 3001 characters; minimax/music-2.0 takes 3000."], ModelSwitch.Notes(Music20, draft));
    }

    [Fact]
    public void Notes_ForTheLegacyModel_WarnThatSectionTagsWouldBeSung()
    {
        var draft = new LyricsDraft("[Verse]\nOne\n[Chorus]\nTwo\n[Verse]\nThree", "");

        Assert.Equal(["minimax-music knows no section tags: it would sing [Verse] and [Chorus] as words."], ModelSwitch.Notes(Legacy, draft));
    }

    [Fact]
    public void Notes_WriteTheLyricsForMe_OnAModelWithoutIt_IsKept()
    {
        var notes = ModelSwitch.Notes(Music20, Everything with { ReferenceUrl = "", WriteLyrics = true });

        Assert.Equal(["minimax/music-2.0 does not write lyrics for you, so it sings yours; the Write the lyrics for me choice was kept in case you switch back."], notes);
    }

    [Fact]
    public void Notes_ForADraftThatFits_AreNone() =>
        Assert.Empty(ModelSwitch.Notes(Music26, Everything with { ReferenceUrl = "" }));

    [Fact]
    public void CoverDraft_OfALegacySong_TakesOffTheAccompanimentMarkers()
    {
        var song = new SongBuilder { Lyrics = "##Harbour lights\nGuide us home##" }.Build();

        var draft = ModelSwitch.CoverDraft(song, Cover);

        Assert.Equal(new LyricsDraft("Harbour lights\nGuide us home", "", ModelCatalog.Cover, Style: null), draft);
    }

    [Theory]
    [InlineData(null, null, null, "")]
    [InlineData("wav", null, null, "WAV")]
    [InlineData("pcm", 16000, 32000, "PCM, 16000 Hz, 32 kbit/s")]
    public void Describe_NamesOnlyTheChosenSettings(string? format, int? rate, int? bitrate, string expected) =>
        Assert.Equal(expected, ModelSwitch.Describe(new AudioChoice(format, rate, bitrate)));
}
