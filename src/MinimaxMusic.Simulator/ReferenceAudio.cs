using System.Buffers.Binary;
using System.Globalization;

namespace MinimaxMusic.Simulator;

internal enum ReferenceKind
{
    Url,
    DataUri,
    Base64,
}

/// <summary>
/// The cover model's reference: "A URL or a Base64-encoded of the reference audio", 6 s to 6 min, at most 50 MB. A URL
/// is taken as it is (the simulator downloads no reference, for the legacy model either); encoded audio is decoded,
/// weighed, and its length read from a WAV or MP3 header when it has one.
/// </summary>
internal sealed record ReferenceAudio(ReferenceKind Kind, long? Bytes, TimeSpan? Duration)
{
    public const long MaxBytes = 50L * 1024 * 1024;
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(6);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(6);

    /// <summary>The reference <paramref name="value"/> names, or null with the <paramref name="problem"/> (no field prefix).</summary>
    public static ReferenceAudio? Read(string value, out string? problem)
    {
        if (value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return ReadDataUri(value, out problem);
        }

        // Base64 has no colon: anything with one is meant as a URL.
        if (value.Contains(':', StringComparison.Ordinal))
        {
            var isHttp = Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
            problem = isHttp ? null : "Invalid url";
            return isHttp ? new ReferenceAudio(ReferenceKind.Url, null, null) : null;
        }

        var decoded = Decode(value, ReferenceKind.Base64, out problem);
        if (decoded is null && problem == InvalidBase64 && (value.Length == 0 || value.Contains('.', StringComparison.Ordinal)))
        {
            // "cdn.example.com/a.mp3", "/files/a.mp3", "": a URL gone wrong, not base64.
            problem = "Invalid url";
        }

        return decoded;
    }

    private const string InvalidBase64 = "Invalid base64";

    private static ReferenceAudio? ReadDataUri(string value, out string? problem)
    {
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            problem = "Invalid data URI";
            return null;
        }

        var parameters = value[5..comma].Split(';', StringSplitOptions.TrimEntries);
        var mediaType = parameters[0].ToLowerInvariant();
        if (!parameters.Skip(1).Contains("base64", StringComparer.OrdinalIgnoreCase))
        {
            problem = "A data URI must be base64-encoded (data:audio/…;base64,…)";
            return null;
        }

        if (!mediaType.StartsWith("audio/", StringComparison.Ordinal) && mediaType != "application/octet-stream")
        {
            problem = $"A data URI must hold audio (data:audio/…;base64,…), not '{mediaType}'";
            return null;
        }

        return Decode(value.AsSpan(comma + 1), ReferenceKind.DataUri, out problem);
    }

    private static ReferenceAudio? Decode(ReadOnlySpan<char> base64, ReferenceKind kind, out string? problem)
    {
        // Weighed before it is decoded, so 80 MB of text never becomes 60 MB of bytes only to be refused. The white
        // space base64 decoding skips (MIME line breaks) is counted out with vectorised counts, not a loop.
        var trimmed = base64.Trim();
        long characters = trimmed.Length - trimmed.Count(' ') - trimmed.Count('\t') - trimmed.Count('\r') - trimmed.Count('\n');
        var padding = trimmed.Length - trimmed.TrimEnd('=').Length;

        if (characters == 0 || characters % 4 != 0 || padding > 2)
        {
            problem = InvalidBase64;
            return null;
        }

        var size = (characters / 4 * 3) - padding;
        if (size > MaxBytes)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"The reference audio must be at most 50 MB (it is {size / 1048576.0:0.0} MB)");
            return null;
        }

        var bytes = new byte[size];
        if (!Convert.TryFromBase64Chars(trimmed, bytes, out var written) || written != size)
        {
            problem = InvalidBase64;
            return null;
        }

        var duration = AudioHeaders.Duration(bytes);
        if (duration is { } length && (length < MinDuration || length > MaxDuration))
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"The reference audio must be 6 seconds to 6 minutes long (it is {length.TotalSeconds:0.0} s)");
            return null;
        }

        problem = null;
        return new ReferenceAudio(kind, size, duration);
    }
}

/// <summary>The length of a WAV or MP3 file as its headers tell it; null for anything else.</summary>
internal static class AudioHeaders
{
    // Layer III bitrates in kbit/s by index: MPEG-1, then MPEG-2 and 2.5.
    private static readonly int[] Mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

    public static TimeSpan? Duration(ReadOnlySpan<byte> file) => WavDuration(file) ?? Mp3Duration(file);

    private static TimeSpan? WavDuration(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        long byteRate = 0;
        long position = 12;
        while (position + 8 <= file.Length)
        {
            var chunk = file.Slice((int)position, 8);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8) && size >= 16 && position + 20 <= file.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(file[(int)(position + 16)..]);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                var bytes = Math.Min(size, file.Length - position - 8);
                return byteRate > 0 ? TimeSpan.FromSeconds((double)bytes / byteRate) : null;
            }

            position += 8 + size + (size & 1);
        }

        return null;
    }

    private static TimeSpan? Mp3Duration(ReadOnlySpan<byte> file)
    {
        var position = 0;
        if (file.Length >= 10 && file[..3].SequenceEqual("ID3"u8))
        {
            var tagSize = (file[6] << 21) | (file[7] << 14) | (file[8] << 7) | file[9];
            position = 10 + tagSize + ((file[5] & 0x10) != 0 ? 10 : 0);
        }

        if (position + 4 > file.Length || file[position] != 0xFF || (file[position + 1] & 0xE0) != 0xE0)
        {
            return null;
        }

        var version = (file[position + 1] >> 3) & 3;      // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
        var layer = (file[position + 1] >> 1) & 3;        // 1: Layer III
        var bitrateIndex = file[position + 2] >> 4;
        var rateIndex = (file[position + 2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return null;
        }

        var mpeg1 = version == 3;
        int[] rates = version switch { 3 => [44100, 48000, 32000], 2 => [22050, 24000, 16000], _ => [11025, 12000, 8000] };
        var sampleRate = rates[rateIndex];
        var bitrate = (mpeg1 ? Mpeg1Bitrates : Mpeg2Bitrates)[bitrateIndex] * 1000;
        var samplesPerFrame = mpeg1 ? 1152 : 576;
        var mono = file[position + 3] >> 6 == 3;

        // A Xing/Info header (what ffmpeg and LAME write) counts the frames; without one, the bitrate is constant.
        var xing = position + 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
        if (xing + 12 <= file.Length && (file.Slice(xing, 4).SequenceEqual("Xing"u8) || file.Slice(xing, 4).SequenceEqual("Info"u8))
            && (BinaryPrimitives.ReadUInt32BigEndian(file[(xing + 4)..]) & 1) != 0)
        {
            var frames = BinaryPrimitives.ReadUInt32BigEndian(file[(xing + 8)..]);
            return TimeSpan.FromSeconds((double)frames * samplesPerFrame / sampleRate);
        }

        return TimeSpan.FromSeconds((file.Length - position) * 8.0 / bitrate);
    }
}
