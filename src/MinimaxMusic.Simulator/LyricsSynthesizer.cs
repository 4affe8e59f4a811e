using System.Buffers.Binary;

namespace MinimaxMusic.Simulator;

/// <summary>
/// Turns lyrics into a real, playable WAV (22,050 Hz, mono, 16-bit): a note per syllable on a pentatonic melody,
/// silence for a blank line, a chord bed when the lyrics are wrapped in <c>##…##</c>. Deterministic: the same
/// lyrics always give the same bytes, so the audio can be rendered on demand instead of kept in memory.
/// The newer models' songs (<see cref="Tagged"/>, <see cref="Instrumental"/>) are made of the same notes, at any rate.
/// </summary>
public static class LyricsSynthesizer
{
    public const int SampleRate = 22_050;
    public const int HeaderSize = 44;

    private const double NoteSeconds = 0.28;
    private const double LineEndRestSeconds = 0.22;
    private const double PauseSeconds = 0.6;
    private const double MinimumSeconds = 2.0;
    private const double MaximumSeconds = 60.0;

    // The newer models' songs: chords throughout, in bars, with an intro and an outro; a section tag is one bar.
    private const double BarSeconds = 2.0;
    private const int IntroBars = 2;
    private const int OutroBars = 2;

    // C major pentatonic from C4 upwards, two octaves.
    private static readonly double[] Scale = [261.63, 293.66, 329.63, 392.00, 440.00, 523.25, 587.33, 659.25, 783.99, 880.00];

    // I, IV, V, vi in C (roots an octave below the melody).
    private static readonly double[][] Chords =
    [
        [130.81, 164.81, 196.00],
        [174.61, 220.00, 261.63],
        [196.00, 246.94, 293.66],
        [220.00, 261.63, 329.63],
    ];

    internal sealed record Note(double Start, double Length, double Frequency, double Volume);

    /// <summary>Notes and the length they fill, in seconds.</summary>
    internal sealed record Score(IReadOnlyList<Note> Notes, double Seconds);

    public static byte[] Render(string lyrics)
    {
        var score = Compose(lyrics);
        return Render(score.Notes, SampleCountFor(score.Seconds), SampleRate, wavHeader: true);
    }

    /// <summary>The length in bytes of <see cref="Render(string)"/>'s output, without rendering.</summary>
    public static long FileSize(string lyrics) => HeaderSize + (SampleCountFor(Compose(lyrics).Seconds) * 2L);

    public static TimeSpan Duration(string lyrics) => TimeSpan.FromSeconds((double)SampleCountFor(Compose(lyrics).Seconds) / SampleRate);

    /// <summary>
    /// The newer models' reading of lyrics: structure tags such as <c>[Verse]</c> on their own line are a bar of
    /// chords, not words; blank lines are no pause; chords play throughout, after an intro and before an outro.
    /// Composition stops at <paramref name="maxSeconds"/>.
    /// </summary>
    internal static Score Tagged(string lyrics, double maxSeconds) => Compose(lyrics, tagged: true, maxSeconds);

    /// <summary>An instrumental of exactly <paramref name="seconds"/>: chords and a melody drawn from the prompt.</summary>
    internal static Score Instrumental(string prompt, double seconds)
    {
        var hash = StableHash(prompt);
        var notes = new List<Note>();
        var degree = 2;
        var bar = 0;
        for (var time = 0.0; time < seconds; time += BarSeconds, bar++)
        {
            AddBar(notes, time, bar + (int)(hash % 4));
            for (var beat = 0; beat < 4; beat++)
            {
                var step = (int)((hash >> (((bar * 4) + beat) % 29)) % 5) - 2;
                degree = Math.Clamp(degree + step, 0, Scale.Length - 1);
                notes.Add(new Note(time + (beat * BarSeconds / 4), BarSeconds / 4 * 0.95, Scale[degree], 0.8));
            }
        }

        return new Score(notes, seconds);
    }

    /// <summary><paramref name="score"/> made <paramref name="seconds"/> long: carried on with bars of chords, or cut.</summary>
    internal static Score Fit(Score score, double seconds)
    {
        var notes = score.Notes.ToList();
        var bar = 0;
        for (var time = score.Seconds; time < seconds; time += BarSeconds, bar++)
        {
            AddBar(notes, time, bar);
        }

        return new Score(notes, seconds);
    }

    /// <summary>
    /// Mixes <paramref name="notes"/> into <paramref name="sampleCount"/> normalised 16-bit little-endian mono samples at
    /// <paramref name="sampleRate"/>, behind a 44-byte WAV header when <paramref name="wavHeader"/> (else raw PCM).
    /// </summary>
    internal static byte[] Render(IReadOnlyList<Note> notes, int sampleCount, int sampleRate, bool wavHeader)
    {
        var mix = new float[sampleCount];
        foreach (var note in notes)
        {
            AddNote(mix, note, sampleRate);
        }

        var peak = mix.Length == 0 ? 0f : mix.Max(Math.Abs);
        var gain = peak > 0 ? 0.8f / peak : 0f;
        var offset = wavHeader ? HeaderSize : 0;
        var bytes = new byte[offset + (sampleCount * 2L)];
        if (wavHeader)
        {
            WriteHeader(bytes, sampleCount, sampleRate);
        }

        for (var i = 0; i < sampleCount; i++)
        {
            var sample = (short)Math.Clamp(mix[i] * gain * short.MaxValue, short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(offset + (i * 2)), sample);
        }

        return bytes;
    }

    private static int SampleCountFor(double seconds) => (int)Math.Round(Math.Clamp(seconds, MinimumSeconds, MaximumSeconds) * SampleRate);

    private static Score Compose(string lyrics) => Compose(lyrics, tagged: false, MaximumSeconds);

    private static Score Compose(string lyrics, bool tagged, double maxSeconds)
    {
        var text = lyrics.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var wrapped = !tagged && text.Length >= 4 && text.StartsWith("##", StringComparison.Ordinal) && text.EndsWith("##", StringComparison.Ordinal);
        var accompaniment = tagged || wrapped;
        if (wrapped)
        {
            // "##\nverse\n##" is the usual way to write it: the new line inside a marker is not a pause.
            text = text[2..^2];
            text = text.StartsWith('\n') ? text[1..] : text;
            text = text.EndsWith('\n') ? text[..^1] : text;
        }

        var notes = new List<Note>();
        var time = 0.0;
        var degree = 2;
        var lineIndex = 0;
        for (var bar = 0; tagged && bar < IntroBars; bar++, time += BarSeconds)
        {
            AddBar(notes, time, bar);
        }

        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                time += tagged ? 0 : PauseSeconds;
                continue;
            }

            if (tagged && IsSectionTag(line))
            {
                AddBar(notes, time, lineIndex);
                time += BarSeconds;
                continue;
            }

            var hash = StableHash(line);
            var lineStart = time;
            var syllable = 0;
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                for (var s = 0; s < CountSyllables(word); s++)
                {
                    var step = (int)((hash >> (syllable % 29)) % 5) - 2;
                    degree = Math.Clamp(degree + step, 0, Scale.Length - 1);
                    notes.Add(new Note(time, NoteSeconds * 0.95, Scale[degree], 1.0));
                    time += NoteSeconds;
                    syllable++;
                }
            }

            time += LineEndRestSeconds;
            if (accompaniment)
            {
                foreach (var frequency in Chords[(lineIndex + (int)(hash % 2)) % Chords.Length])
                {
                    notes.Add(new Note(lineStart, time - lineStart, frequency, 0.25));
                }
            }

            lineIndex++;
            if (time >= maxSeconds - (tagged ? OutroBars * BarSeconds : 0))
            {
                break;
            }
        }

        for (var bar = 0; tagged && bar < OutroBars; bar++, time += BarSeconds)
        {
            AddBar(notes, time, lineIndex + bar);
        }

        // The last line may run past the outro's start: the song still ends at the model's maximum.
        return new Score(notes, tagged ? Math.Min(time, maxSeconds) : time);
    }

    private static bool IsSectionTag(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 2 && trimmed[0] == '[' && trimmed[^1] == ']';
    }

    private static void AddBar(List<Note> notes, double start, int chord)
    {
        foreach (var frequency in Chords[chord % Chords.Length])
        {
            notes.Add(new Note(start, BarSeconds, frequency, 0.25));
        }
    }

    internal static int CountSyllables(string word)
    {
        var groups = 0;
        var inVowel = false;
        var letters = 0;
        foreach (var c in word.ToLowerInvariant())
        {
            if (!char.IsLetterOrDigit(c))
            {
                inVowel = false;
                continue;
            }

            letters++;
            var vowel = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüÿ".Contains(c, StringComparison.Ordinal);
            if (vowel && !inVowel)
            {
                groups++;
            }

            inVowel = vowel;
        }

        // Scripts without Latin vowels (CJK, digits) get one note per word rather than none.
        return letters == 0 ? 0 : Math.Max(1, groups);
    }

    private static void AddNote(float[] mix, Note note, int sampleRate)
    {
        var start = (int)(note.Start * sampleRate);
        var length = (int)(note.Length * sampleRate);
        var attack = Math.Min(length / 4, (int)(0.012 * sampleRate));
        var release = Math.Min(length / 3, (int)(0.06 * sampleRate));
        for (var i = 0; i < length && start + i < mix.Length; i++)
        {
            var t = (double)i / sampleRate;
            var envelope = i < attack ? (double)i / attack
                : i > length - release ? (double)(length - i) / release
                : 1.0 - (0.35 * i / length);
            var wave = Math.Sin(2 * Math.PI * note.Frequency * t) + (0.3 * Math.Sin(4 * Math.PI * note.Frequency * t));
            mix[start + i] += (float)(wave * envelope * note.Volume);
        }
    }

    private static void WriteHeader(Span<byte> wav, int sampleCount, int sampleRate)
    {
        var dataBytes = sampleCount * 2;
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(wav[8..]);
        "fmt "u8.CopyTo(wav[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(wav[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav[34..], 16);
        "data"u8.CopyTo(wav[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(wav[40..], dataBytes);
    }

    // string.GetHashCode is randomised per process; the melody must not be.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
