using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>The WAV the simulator makes from lyrics: a note per syllable, pauses for blank lines, chords for ##…##.</summary>
public sealed class LyricsSynthesizerTests
{
    // Seven syllables per line: 2.18 s a line, well above the 2 s floor.
    private const string TwoLines = "Sing a song of summer days\nWalking down the dusty road";
    private const string TwoLinesWithABlankLine = "Sing a song of summer days\n\nWalking down the dusty road";
    private const int SampleRate = LyricsSynthesizer.SampleRate;

    // Chord roots an octave below the melody (C3 for I, F3 for IV); the melody itself starts at C4.
    private static readonly double[] ChordRoots = [130.81, 174.61];

    [Fact]
    public void Render_TheSameLyricsTwice_GivesTheSameBytes()
    {
        var first = LyricsSynthesizer.Render(TwoLinesWithABlankLine);
        var second = LyricsSynthesizer.Render(TwoLinesWithABlankLine);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Render_DifferentLyricsOfTheSameShape_GiveDifferentMelodies()
    {
        var first = LyricsSynthesizer.Render("Sing a song of summer days");
        var second = LyricsSynthesizer.Render("Walking down the dusty road");

        Assert.Equal(first.Length, second.Length);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("la")]
    [InlineData(TwoLines)]
    [InlineData("##Sing a song of summer days##")]
    public void Render_IsAValidWavWhoseLengthMatchesFileSizeAndDuration(string lyrics)
    {
        var wav = LyricsSynthesizer.Render(lyrics);

        Wav.AssertHeader(wav);
        Assert.Equal(LyricsSynthesizer.FileSize(lyrics), wav.LongLength);
        var samples = (wav.Length - LyricsSynthesizer.HeaderSize) / 2;
        Assert.Equal(LyricsSynthesizer.Duration(lyrics), TimeSpan.FromSeconds((double)samples / SampleRate));
    }

    [Fact]
    public void Render_IsNormalisedAndNotSilent()
    {
        var samples = Wav.Samples(LyricsSynthesizer.Render(TwoLines));

        var peak = samples.Max(s => Math.Abs((int)s));
        Assert.InRange(peak, (int)(0.75 * short.MaxValue), short.MaxValue);
    }

    [Fact]
    public void Duration_WithABlankLineBetweenTwoLines_GrowsByAboutSixTenthsOfASecond()
    {
        var without = LyricsSynthesizer.Duration(TwoLines);
        var with = LyricsSynthesizer.Duration(TwoLinesWithABlankLine);

        Assert.InRange((with - without).TotalSeconds, 0.59, 0.61);
    }

    [Fact]
    public void Render_WithABlankLine_HasARunOfSilenceInTheMiddle()
    {
        var paused = Wav.Samples(LyricsSynthesizer.Render(TwoLinesWithABlankLine));
        var plain = Wav.Samples(LyricsSynthesizer.Render(TwoLines));
        const int nearZero = 100; // 0.3 % of full scale

        var (start, length) = Wav.LongestQuietRun(paused, nearZero);
        var plainRun = Wav.LongestQuietRun(plain, nearZero).Length;

        Assert.True(length >= 0.6 * SampleRate, $"longest quiet run with a blank line: {length / (double)SampleRate:0.000} s");
        Assert.True(start > SampleRate && start + length < paused.Length - SampleRate,
            $"the quiet run ({start}..{start + length} of {paused.Length}) is not in the middle");
        Assert.True(plainRun < 0.35 * SampleRate, $"longest quiet run without a blank line: {plainRun / (double)SampleRate:0.000} s");
    }

    [Fact]
    public void Render_WrappedInDoubleHashes_AddsChordsUnderTheSameMelody()
    {
        var plain = LyricsSynthesizer.Render("Sing a song of summer days");
        var wrapped = LyricsSynthesizer.Render("##Sing a song of summer days##");

        Assert.Equal(plain.Length, wrapped.Length);
        Assert.NotEqual(plain, wrapped);
        var plainBass = ChordRoots.Max(f => Wav.EnergyShareAt(Wav.Samples(plain), f));
        var wrappedBass = ChordRoots.Max(f => Wav.EnergyShareAt(Wav.Samples(wrapped), f));
        Assert.True(plainBass < 0.001, $"the plain melody has energy at a chord root: {plainBass:0.0000}");
        Assert.True(wrappedBass > 0.005, $"the wrapped lyrics have no chord root: {wrappedBass:0.0000}");
    }

    [Fact]
    public void Render_WrappedInDoubleHashesOnTheirOwnLines_AddsChords()
    {
        var plain = Wav.Samples(LyricsSynthesizer.Render(TwoLines));
        var wrapped = Wav.Samples(LyricsSynthesizer.Render($"##\n{TwoLines}\n##"));

        Assert.True(ChordRoots.Max(f => Wav.EnergyShareAt(plain, f)) < 0.001);
        Assert.True(ChordRoots.Max(f => Wav.EnergyShareAt(wrapped, f)) > 0.005);
    }

    [Theory]
    [InlineData("##")]
    [InlineData("###")]
    [InlineData("## Sing a song of summer days")]
    [InlineData("Sing a song of summer days ##")]
    public void Render_WithHashesThatDoNotWrapTheLyrics_AddsNoChords(string lyrics)
    {
        var samples = Wav.Samples(LyricsSynthesizer.Render(lyrics));

        Assert.True(ChordRoots.Max(f => Wav.EnergyShareAt(samples, f)) < 0.001);
    }

    [Theory]
    [InlineData("la")]
    [InlineData("Hi")]
    [InlineData("")]
    [InlineData("   ")]
    public void Duration_OfAlmostNothing_IsTwoSeconds(string lyrics)
    {
        Assert.Equal(TimeSpan.FromSeconds(2), LyricsSynthesizer.Duration(lyrics));
        Assert.Equal(LyricsSynthesizer.HeaderSize + (2 * SampleRate * 2), LyricsSynthesizer.Render(lyrics).Length);
    }

    [Fact]
    public void Duration_GrowsWithTheNumberOfSyllables()
    {
        var shorter = LyricsSynthesizer.Duration("Sing a song of summer days");
        var longer = LyricsSynthesizer.Duration("Sing a song of summer days and summer nights");

        // "and sum-mer nights": four more notes of 0.28 s each.
        Assert.InRange((longer - shorter).TotalSeconds, (4 * 0.28) - 0.001, (4 * 0.28) + 0.001);
    }

    public static TheoryData<string> VeryLongLyrics => new()
    {
        string.Join(' ', Enumerable.Repeat("banana", 200)),
        string.Join('\n', Enumerable.Repeat("la la la la", 100)),
        string.Join("\n\n", Enumerable.Repeat("Sing a song of summer days", 50)),
    };

    [Theory]
    [MemberData(nameof(VeryLongLyrics))]
    public void Duration_OfVeryLongLyrics_IsCappedAtSixtySeconds(string lyrics)
    {
        Assert.Equal(TimeSpan.FromSeconds(60), LyricsSynthesizer.Duration(lyrics));
        Assert.Equal(LyricsSynthesizer.HeaderSize + (60L * SampleRate * 2), LyricsSynthesizer.FileSize(lyrics));
        Assert.Equal(LyricsSynthesizer.FileSize(lyrics), LyricsSynthesizer.Render(lyrics).LongLength);
    }

    [Fact]
    public void Duration_WithMarkersOnTheirOwnLines_AddsNoPauses()
    {
        Assert.Equal(
            LyricsSynthesizer.Duration("##Sing it loud\nSing it clear##"),
            LyricsSynthesizer.Duration("##\nSing it loud\nSing it clear\n##"));
    }

    [Fact]
    public void Duration_IgnoresWindowsLineEndings()
    {
        Assert.Equal(LyricsSynthesizer.Duration(TwoLinesWithABlankLine),
            LyricsSynthesizer.Duration(TwoLinesWithABlankLine.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("la", 1)]
    [InlineData("summer", 2)]
    [InlineData("banana", 3)]
    [InlineData("beautiful", 3)]
    [InlineData("queue", 1)]
    [InlineData("rhythm", 1)]
    [InlineData("Walking", 2)]
    [InlineData("café", 2)]
    [InlineData("don't", 1)]
    [InlineData("音楽", 1)]
    [InlineData("2025", 1)]
    [InlineData("!?", 0)]
    [InlineData("", 0)]
    public void CountSyllables_CountsVowelGroupsWithAtLeastOneNotePerWord(string word, int expected)
    {
        Assert.Equal(expected, LyricsSynthesizer.CountSyllables(word));
    }
}
