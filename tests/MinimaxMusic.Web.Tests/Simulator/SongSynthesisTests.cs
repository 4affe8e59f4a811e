using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>The newer models' songs: section tags, chords throughout, written lyrics, instrumentals and covers.</summary>
public sealed class SongSynthesisTests
{
    private const string Line = "Sing a song of summer days"; // seven syllables: 7 × 0.28 s + 0.22 s
    private const double LineSeconds = (7 * 0.28) + 0.22;
    private const double IntroAndOutro = 8.0;

    [Fact]
    public void Tagged_ReadsASectionTagAsABarOfChords_NotAsWords()
    {
        var plain = LyricsSynthesizer.Tagged(Line, 240).Seconds;
        var tagged = LyricsSynthesizer.Tagged($"[Verse]\n{Line}\n[Chorus]", 240).Seconds;

        Assert.Equal(IntroAndOutro + LineSeconds, plain, 1e-9);
        Assert.Equal(plain + 4.0, tagged, 1e-9);
    }

    [Fact]
    public void Tagged_MakesNoPauseForABlankLine_UnlikeTheLegacyModel()
    {
        Assert.Equal(LyricsSynthesizer.Tagged($"{Line}\n{Line}", 240).Seconds, LyricsSynthesizer.Tagged($"{Line}\n\n{Line}", 240).Seconds, 1e-9);
    }

    [Fact]
    public void Tagged_PlaysChordsUnderThePlainLyrics_WithoutHashes()
    {
        var score = LyricsSynthesizer.Tagged(Line, 240);
        var samples = Wav.Samples(LyricsSynthesizer.Render(score.Notes, (int)(score.Seconds * LyricsSynthesizer.SampleRate), LyricsSynthesizer.SampleRate, wavHeader: true));

        Assert.True(Wav.EnergyShareAt(samples, 130.81) > 0.005, "no chord root (C3) under the melody");
    }

    [Fact]
    public void Tagged_StopsComposingAtTheModelsMaximum()
    {
        var lyrics = string.Join('\n', Enumerable.Repeat(Line, 500));

        Assert.InRange(LyricsSynthesizer.Tagged(lyrics, 240).Seconds, 236, 240);
    }

    [Fact]
    public void Render_WithoutAHeader_IsTheWavsSamples()
    {
        var notes = LyricsSynthesizer.Tagged(Line, 240).Notes;

        var wav = LyricsSynthesizer.Render(notes, 16000, 16000, wavHeader: true);
        var pcm = LyricsSynthesizer.Render(notes, 16000, 16000, wavHeader: false);

        Wav.AssertHeader(wav, 16000);
        Assert.Equal(wav[LyricsSynthesizer.HeaderSize..], pcm);
    }

    [Fact]
    public void WrittenLyrics_AreThePromptsWordsInVersesAndChoruses()
    {
        var lyrics = SimulatedSong.WrittenLyrics("Lo-fi pop about a rainy night in the city, warm bass");

        Assert.StartsWith("[Verse]\nLo-fi pop about a rainy night\nin the city, warm bass\n[Chorus]", lyrics, StringComparison.Ordinal);
        Assert.EndsWith("[Outro]", lyrics, StringComparison.Ordinal);
    }

    [Fact]
    public void Song_WithAMeasuredReference_IsFittedToItsLength()
    {
        var cover = new SimulatedSong(MusicModels.Cover, "Quiet jazz, brushes on the snare", null, false, false, AudioSetting.Default,
            new ReferenceAudio(ReferenceKind.Base64, 1000, TimeSpan.FromSeconds(95)));

        var score = cover.Compose();

        Assert.Equal(95, score.Seconds);
        Assert.Contains(score.Notes, n => n.Start > 90);
        Assert.Equal(TimeSpan.FromSeconds(9.5), cover.FileDuration(0.1));
    }
}
