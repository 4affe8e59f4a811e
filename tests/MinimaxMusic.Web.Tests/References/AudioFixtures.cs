using System.Buffers.Binary;
using System.Diagnostics;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>
/// Real audio files made at test time: MP3 by Debian's ffmpeg (as the reference probe's users would have),
/// WAV synthesised here so their exact length is known.
/// </summary>
public sealed class AudioFixtures : IAsyncLifetime
{
    public byte[] Mp3Of20Seconds { get; private set; } = [];

    public byte[] WavOf20Seconds { get; } = SineWav(TimeSpan.FromSeconds(20));

    public byte[] WavOf8Seconds { get; } = SineWav(TimeSpan.FromSeconds(8));

    /// <summary>A 10 s FLAC: too short for the legacy model, and a format it does not take; fine for a cover.</summary>
    public byte[] FlacOf10Seconds { get; private set; } = [];

    /// <summary>A 10 s Ogg Vorbis.</summary>
    public byte[] OggOf10Seconds { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("minimaxmusic-audio-fixtures-");
        try
        {
            var mp3 = Path.Combine(folder.FullName, "sine.mp3");
            await RunFfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:duration=20", "-ac", "1", mp3);
            Mp3Of20Seconds = await File.ReadAllBytesAsync(mp3);
            var flac = Path.Combine(folder.FullName, "sine.flac");
            await RunFfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:duration=10", "-ac", "1", "-ar", "16000", flac);
            FlacOf10Seconds = await File.ReadAllBytesAsync(flac);
            var ogg = Path.Combine(folder.FullName, "sine.ogg");
            await RunFfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:duration=10", "-ac", "1", "-ar", "16000", "-c:a", "libvorbis", ogg);
            OggOf10Seconds = await File.ReadAllBytesAsync(ogg);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A canonical PCM WAV: mono, 22,050 Hz, 16-bit, a 440 Hz sine.</summary>
    public static byte[] SineWav(TimeSpan duration)
    {
        const int sampleRate = 22_050;
        var samples = (int)(duration.TotalSeconds * sampleRate);
        var wav = new byte[44 + (samples * 2)];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], wav.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);                 // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);                 // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);    // byte rate
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);                 // block align
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);                // bits per sample
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 8000);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], value);
        }

        return wav;
    }

    private static async Task RunFfmpegAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)
            ?? throw new InvalidOperationException("ffmpeg could not be started; install it (apt-get install ffmpeg).");
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {await errors}");
        }
    }
}
