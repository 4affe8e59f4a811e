namespace MinimaxMusic.Core.Songs;

/// <summary>
/// Peaks for drawing a song: decoded mono 16-bit PCM reduced to a fixed number of buckets, each the loudest
/// sample in its slice as 0..1 of full scale, stored as one byte per bucket.
/// </summary>
public static class Waveform
{
    public const int DefaultBucketCount = 200;

    /// <summary>Consecutive samples folded into one fine peak while decoding, so memory stays small for long songs.</summary>
    public const int SamplesPerFinePeak = 80;

    /// <summary>Reduces <paramref name="finePeaks"/> (0..1) to <paramref name="bucketCount"/> maxima; fewer when there are fewer values.</summary>
    public static float[] Bucket(IReadOnlyList<float> finePeaks, int bucketCount = DefaultBucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketCount);
        var count = Math.Min(bucketCount, finePeaks.Count);
        var buckets = new float[count];
        for (var b = 0; b < count; b++)
        {
            // Integer bounds spread the remainder evenly and cover every value exactly once.
            var start = (int)((long)b * finePeaks.Count / count);
            var end = (int)((long)(b + 1) * finePeaks.Count / count);
            var max = 0f;
            for (var i = start; i < end; i++)
            {
                max = Math.Max(max, finePeaks[i]);
            }

            buckets[b] = Math.Clamp(max, 0f, 1f);
        }

        return buckets;
    }

    /// <summary>The magnitude of one sample as 0..1 of full scale.</summary>
    public static float Magnitude(short sample) => sample == short.MinValue ? 1f : Math.Abs(sample) / (float)short.MaxValue;

    public static byte[] Encode(IReadOnlyList<float> peaks) =>
        peaks.Select(p => (byte)Math.Round(Math.Clamp(p, 0f, 1f) * byte.MaxValue)).ToArray();

    public static float[] Decode(byte[] stored) => stored.Select(b => b / (float)byte.MaxValue).ToArray();

    /// <summary>
    /// Folds little-endian 16-bit PCM into fine peaks of <see cref="SamplesPerFinePeak"/> samples each (the last may
    /// be shorter). Callers pass whole chunks; a trailing odd byte is ignored. Returns the number of samples read.
    /// </summary>
    public static int AddFinePeaks(ReadOnlySpan<byte> pcm, List<float> finePeaks)
    {
        var samples = pcm.Length / 2;
        for (var start = 0; start < samples; start += SamplesPerFinePeak)
        {
            var end = Math.Min(samples, start + SamplesPerFinePeak);
            var max = 0f;
            for (var i = start; i < end; i++)
            {
                max = Math.Max(max, Magnitude(System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(pcm[(i * 2)..])));
            }

            finePeaks.Add(max);
        }

        return samples;
    }
}
