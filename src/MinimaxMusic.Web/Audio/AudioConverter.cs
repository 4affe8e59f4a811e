using System.Buffers.Binary;

namespace MinimaxMusic.Web.Audio;

/// <summary>The formats a song can be converted to for download.</summary>
internal enum AudioFormat
{
    Mp3,
    Wav,
    Flac,
}

/// <summary>
/// Converts a saved song to MP3, WAV or FLAC with ffmpeg (run by the <see cref="MediaProbe"/>, the one owner of the tools)
/// and writes its tags where each format's players look for them: FLAC Vorbis comments (TITLE, ARTIST, COMMENT, LYRICS);
/// MP3 an ID3v2.3 tag with a real USLT lyrics frame; WAV the same ID3 tag in an "id3 " chunk (RIFF INFO has no field
/// for lyrics).
/// </summary>
internal sealed class AudioConverter(MediaProbe media, ILogger<AudioConverter> logger)
{
    /// <summary>A four-minute song converts in about a second; this only stops a stuck ffmpeg.</summary>
    public static readonly TimeSpan ConvertTimeout = TimeSpan.FromMinutes(2);

    public bool IsAvailable => media.HasFfmpeg;

    /// <summary>
    /// Writes <paramref name="source"/> (of <paramref name="sourceContentType"/>) as <paramref name="format"/> with
    /// <paramref name="tags"/> to <paramref name="destination"/>, a path that must not exist yet (any name: the container is
    /// named to ffmpeg, so a partial file's name will do). False when ffmpeg is missing or fails (logged); the caller deletes
    /// whatever was left at the destination.
    /// </summary>
    public async Task<bool> ConvertAsync(
        string source, string? sourceContentType, AudioFormat format, AudioTags tags, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var sourceIsMp3 = sourceContentType is "audio/mpeg" or "audio/mp3";
        switch (format)
        {
            case AudioFormat.Flac:
                return await EncodeAsync(source, destination,
                    ["-c:a", "flac", .. Metadata(("TITLE", tags.Title), ("ARTIST", tags.Artist), ("COMMENT", tags.Comment), ("LYRICS", tags.Lyrics)), "-f", "flac"],
                    cancellationToken)
                    && Flushed(destination);

            case AudioFormat.Wav:
                // No LIST/INFO chunk (bitexact also drops ffmpeg's encoder entry): INFO has no field for lyrics, and where
                // one exists ffmpeg and players that prefer it ignore the "id3 " chunk that carries everything.
                return await EncodeAsync(source, destination, ["-c:a", "pcm_s16le", "-fflags", "+bitexact", "-f", "wav"], cancellationToken)
                    && await AppendId3ChunkAsync(destination, tags.ToId3v2(), cancellationToken);

            default:
                // ffmpeg's own ID3 tag would hold the lyrics in a TXXX frame no player reads: it writes none (version 0), ours
                // goes first.
                var encoded = Path.Combine(Path.GetDirectoryName(destination)!, $"{Guid.NewGuid():N}{AudioStore.PartialSuffix}");
                try
                {
                    // An MP3 stays the same audio (no second lossy pass); anything else becomes VBR ~245 kbit/s (LAME -V0).
                    string[] codec = sourceIsMp3 ? ["-c:a", "copy"] : ["-c:a", "libmp3lame", "-q:a", "0"];
                    if (!await EncodeAsync(source, encoded, [.. codec, "-id3v2_version", "0", "-f", "mp3"], cancellationToken))
                    {
                        return false;
                    }

                    await using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    {
                        await output.WriteAsync(tags.ToId3v2(), cancellationToken);
                        await using (var audio = new FileStream(encoded, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
                        {
                            await audio.CopyToAsync(output, cancellationToken);
                        }

                        output.Flush(flushToDisk: true);
                    }

                    return true;
                }
                finally
                {
                    ScratchFiles.Delete(encoded);
                }
        }
    }

    private async Task<bool> EncodeAsync(string source, string destination, string[] output, CancellationToken cancellationToken)
    {
        // The first audio stream only (no cover art), none of the source's own tags.
        var run = await media.RunFfmpegAsync(
            ["-i", source, "-map", "0:a:0", "-map_metadata", "-1", .. output, "-y", destination], ConvertTimeout, null, cancellationToken);
        if (run is { ExitCode: not 0 })
        {
            logger.LogWarning("ffmpeg could not convert {Source} (exit {ExitCode}): {Problem}", source, run.ExitCode, run.Errors);
        }

        return run is { ExitCode: 0 } && File.Exists(destination);
    }

    private static IEnumerable<string> Metadata(params (string Key, string? Value)[] tags) =>
        tags.Where(t => !string.IsNullOrEmpty(t.Value)).SelectMany(t => (string[])["-metadata", $"{t.Key}={t.Value}"]);

    /// <summary>On disk before the caller renames it into place, so a power cut cannot leave a cached file half written.</summary>
    private static bool Flushed(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        file.Flush(flushToDisk: true);
        return true;
    }

    /// <summary>Adds an "id3 " chunk at the end of the RIFF file and corrects the RIFF size; false when it is no RIFF file.</summary>
    private async Task<bool> AppendId3ChunkAsync(string wavPath, byte[] tag, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(wavPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 4096, useAsync: true);
        var header = new byte[12];
        if (await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) < header.Length
            || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            logger.LogWarning("ffmpeg did not write a RIFF/WAVE file at {Path}", wavPath);
            return false;
        }

        var chunk = new byte[8 + tag.Length + (tag.Length % 2)]; // chunks are padded to an even length
        "id3 "u8.CopyTo(chunk);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), tag.Length);
        tag.CopyTo(chunk, 8);
        file.Seek(0, SeekOrigin.End);
        await file.WriteAsync(chunk, cancellationToken);
        var riffSize = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(riffSize, checked((uint)(file.Length - 8)));
        file.Seek(4, SeekOrigin.Begin);
        await file.WriteAsync(riffSize, cancellationToken);
        file.Flush(flushToDisk: true);
        return true;
    }
}
