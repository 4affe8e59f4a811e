namespace MinimaxMusic.Simulator;

/// <summary>A newer model's <c>audio_setting</c>, with the schema's defaults for what was not sent.</summary>
internal sealed record AudioSetting(int SampleRate, int Bitrate, string Format)
{
    public static readonly int[] SampleRates = [16000, 24000, 32000, 44100];
    public static readonly int[] Bitrates = [32000, 64000, 128000, 256000];
    public static readonly string[] Formats = ["mp3", "wav", "pcm"];

    public static AudioSetting Default { get; } = new(44100, 256000, "mp3");
}

/// <summary>
/// What a newer model was asked for, and the song it makes of it: the lyrics sung to a melody with chords throughout
/// (about 0.28 s a syllable, so 3000 characters come close to the four-minute cap), an instrumental of
/// <see cref="InstrumentalSeconds"/>, lyrics written from the prompt when 2.6's optimizer was asked (or a cover had
/// none of its own), and a cover as long as its reference when the reference's length is known.
/// </summary>
internal sealed record SimulatedSong(
    SimulatedModel Model,
    string? Prompt,
    string? Lyrics,
    bool Instrumental,
    bool WriteLyrics,
    AudioSetting Audio,
    ReferenceAudio? Reference)
{
    public const double InstrumentalSeconds = 120;
    public const double MinimumSeconds = 10;

    private const int WordsPerWrittenLine = 6;
    private const int WrittenVerseLines = 8;

    /// <summary>The words that are sung; null for an instrumental.</summary>
    public string? SungLyrics => Instrumental ? null : Lyrics ?? WrittenLyrics(Prompt ?? "");

    /// <summary>The song at its full length (its <see cref="LyricsSynthesizer.Score.Seconds"/> is the song's duration).</summary>
    public LyricsSynthesizer.Score Compose()
    {
        var score = SungLyrics is { } lyrics
            ? LyricsSynthesizer.Tagged(lyrics, Model.MaxSongSeconds)
            : LyricsSynthesizer.Instrumental(Prompt ?? Model.Id, InstrumentalSeconds);
        // A cover keeps its reference's structure, so its length; past the melody, the band plays on.
        return Reference?.Duration is { } reference
            ? LyricsSynthesizer.Fit(score, reference.TotalSeconds)
            : score with { Seconds = Math.Clamp(score.Seconds, MinimumSeconds, Model.MaxSongSeconds) };
    }

    /// <summary>
    /// How many samples the file holds: the song's length times <paramref name="timeScale"/> (so a benchmark that runs a
    /// hundred times faster also downloads a hundredth of the audio), at least one second.
    /// </summary>
    public int SampleCount(double timeScale) => (int)Math.Round(Math.Max(1, Compose().Seconds * timeScale) * Audio.SampleRate);

    /// <summary>The length of the file <see cref="SampleCount"/> describes.</summary>
    public TimeSpan FileDuration(double timeScale) => TimeSpan.FromSeconds((double)SampleCount(timeScale) / Audio.SampleRate);

    /// <summary>Lyrics "written from the prompt": its words in lines, as two verses and a chorus sung twice.</summary>
    internal static string WrittenLyrics(string prompt)
    {
        var lines = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Chunk(WordsPerWrittenLine)
            .Take(WrittenVerseLines)
            .Select(words => string.Join(' ', words))
            .ToArray();
        if (lines.Length == 0)
        {
            lines = ["la la la la la la"];
        }

        var verse = string.Join('\n', lines);
        var chorus = string.Join('\n', lines.Take(2));
        return $"[Verse]\n{verse}\n[Chorus]\n{chorus}\n{chorus}\n[Verse]\n{verse}\n[Chorus]\n{chorus}\n{chorus}\n[Outro]";
    }
}
