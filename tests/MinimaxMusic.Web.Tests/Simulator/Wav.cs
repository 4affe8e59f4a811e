using System.Buffers.Binary;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>Reads the simulator's WAV files back: the header, the samples, and a few signal measurements.</summary>
internal static class Wav
{
    /// <summary>A canonical 44-byte header: PCM, mono, 22,050 Hz, 16-bit, sizes matching the file.</summary>
    public static void AssertHeader(byte[] wav) => AssertHeader(wav, LyricsSynthesizer.SampleRate);

    /// <summary>A canonical 44-byte header: PCM, mono, <paramref name="sampleRate"/>, 16-bit, sizes matching the file.</summary>
    public static void AssertHeader(byte[] wav, int sampleRate)
    {
        Assert.True(wav.Length > LyricsSynthesizer.HeaderSize, "shorter than a WAV header");
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("WAVE"u8.ToArray(), wav[8..12]);
        Assert.Equal("fmt "u8.ToArray(), wav[12..16]);
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(20)));      // PCM
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)));      // mono
        Assert.Equal(sampleRate, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));     // sample rate
        Assert.Equal(sampleRate * 2, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(28))); // byte rate
        Assert.Equal(2, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(32)));      // block align
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34)));     // bits per sample
        Assert.Equal("data"u8.ToArray(), wav[36..40]);
        Assert.Equal(wav.Length - 44, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)));
    }

    /// <summary>
    /// A silent mono 16-bit WAV of <paramref name="seconds"/> at 8 kHz (16 kB a second), written by the simulator's own
    /// WAV writer: a reference whose length the simulator can read from its header.
    /// </summary>
    public static byte[] Silence(double seconds, int sampleRate = 8000)
        => LyricsSynthesizer.Render([], (int)Math.Round(seconds * sampleRate), sampleRate, wavHeader: true);

    public static short[] Samples(byte[] wav)
    {
        var samples = new short[(wav.Length - LyricsSynthesizer.HeaderSize) / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(LyricsSynthesizer.HeaderSize + (i * 2)));
        }

        return samples;
    }

    /// <summary>The longest run of samples whose magnitude stays at or below <paramref name="threshold"/>.</summary>
    public static (int Start, int Length) LongestQuietRun(short[] samples, int threshold)
    {
        var best = (Start: 0, Length: 0);
        var start = -1;
        for (var i = 0; i <= samples.Length; i++)
        {
            var quiet = i < samples.Length && Math.Abs((int)samples[i]) <= threshold;
            if (quiet && start < 0)
            {
                start = i;
            }
            else if (!quiet && start >= 0)
            {
                if (i - start > best.Length)
                {
                    best = (start, i - start);
                }

                start = -1;
            }
        }

        return best;
    }

    /// <summary>The share of the signal's energy at <paramref name="frequency"/> (Goertzel), in [0, 1].</summary>
    public static double EnergyShareAt(short[] samples, double frequency)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / LyricsSynthesizer.SampleRate);
        double previous = 0, beforePrevious = 0, total = 0;
        foreach (var sample in samples)
        {
            var x = sample / 32768.0;
            total += x * x;
            var current = x + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        var power = (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
        // A pure sine of energy E over N samples gives a Goertzel power of about N * E / 2.
        return total == 0 ? 0 : power * 2 / (samples.Length * total);
    }
}
