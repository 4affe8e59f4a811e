using System.Buffers.Binary;

namespace MinimaxMusic.Web.Audio;

/// <summary>
/// Raw PCM (16-bit little-endian samples, mono: what the newer models send when asked for <c>pcm</c>) made playable by
/// putting the canonical 44-byte RIFF/WAVE header in front of it. No ffmpeg needed: browsers play the result, and
/// ffprobe/ffmpeg measure its duration and waveform like any WAV.
/// </summary>
internal static class PcmWav
{
    public const int HeaderSize = 44;
    public const short BitsPerSample = 16;
    public const short Channels = 1;

    /// <summary>The rate the vendor uses when none was asked for (its <c>audio_sample_rate</c> default).</summary>
    public const int DefaultSampleRate = 44_100;

    /// <summary>How many bytes of <paramref name="rawBytes"/> make whole samples (a torn last sample is left out).</summary>
    public static long WholeSampleBytes(long rawBytes) => rawBytes - (rawBytes % (BitsPerSample / 8 * Channels));

    /// <summary>The header for <paramref name="dataBytes"/> bytes of samples at <paramref name="sampleRate"/> Hz.</summary>
    public static byte[] Header(long dataBytes, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        // RIFF sizes are 32-bit; the archive's size cap keeps songs far below this.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataBytes, uint.MaxValue - HeaderSize);
        const short blockAlign = BitsPerSample / 8 * Channels;
        var header = new byte[HeaderSize];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(dataBytes + HeaderSize - 8));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], Channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], BitsPerSample);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        return header;
    }

    /// <summary>
    /// Copies the raw samples in <paramref name="raw"/> into <paramref name="wav"/> behind a header; returns the bytes written.
    /// A torn last sample (an odd byte count) is dropped, so the data chunk holds whole samples only.
    /// </summary>
    public static async Task<long> WrapAsync(Stream raw, long rawBytes, Stream wav, int sampleRate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(wav);
        var dataBytes = WholeSampleBytes(rawBytes);
        await wav.WriteAsync(Header(dataBytes, sampleRate), cancellationToken);
        var buffer = new byte[81920];
        var left = dataBytes;
        while (left > 0)
        {
            var read = await raw.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"The raw audio ended {left} bytes early.");
            }

            await wav.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            left -= read;
        }

        return HeaderSize + dataBytes;
    }
}
