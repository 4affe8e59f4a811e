using System.Security;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MinimaxMusic.Simulator;

/// <summary>
/// The newer models' CDN: links signed and expiring like the vendor's object-storage URLs
/// (<c>/moose/music%2Fprod%2Ftts-20260416000759-FRVqSDONLPpncief.mp3?Expires=1776355687&amp;OSSAccessKeyId=…&amp;Signature=…</c>),
/// refused with the storage's XML errors (403 once expired or tampered with, 404 for what is not there), serving the
/// song in the format and rate it was asked for. Files are rendered on first request and the last few are kept.
/// </summary>
internal sealed class SignedCdn(SimulatorOptions options)
{
    public const string PathPrefix = "/moose/";
    public const string PcmContentType = "audio/pcm";

    private const string AccessKeyId = "LTAI5tSimulatorAccessKey";
    private const int KeptFiles = 8;

    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly Ffmpeg _ffmpeg = new(options.FfmpegFolder);
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Token, Lazy<Task<SongFile>> File)> _recent = new();

    private sealed record SongFile(byte[] Bytes, string ContentType);

    /// <summary>The format <paramref name="song"/> is served in: mp3 needs ffmpeg; without it a WAV, as the legacy model's.</summary>
    public string ServedFormat(SimulatedSong song) => song.Audio.Format == "mp3" && !_ffmpeg.IsAvailable ? "wav" : song.Audio.Format;

    /// <summary>The signed link to a completed newer-model generation's audio.</summary>
    public string Url(HttpContext context, SimulatedGeneration generation)
    {
        var key = ObjectKey(generation, ServedFormat(generation.Song!));
        var expires = generation.LinkExpiresAt!.Value.ToUnixTimeSeconds();
        return $"{context.Request.Scheme}://{context.Request.Host}{PathPrefix}{Uri.EscapeDataString(key)}"
            + $"?Expires={expires}&OSSAccessKeyId={AccessKeyId}&Signature={Uri.EscapeDataString(Sign(key, expires))}";
    }

    public async Task<IResult> ServeAsync(string file, HttpContext context, SimulatorState state, TimeProvider time)
    {
        state.CountAudioRequest();
        var key = Uri.UnescapeDataString(file);
        var query = context.Request.Query;
        var now = time.GetUtcNow();
        if (!long.TryParse(query["Expires"], out var expires) || query["Signature"].Count != 1)
        {
            return StorageError(StatusCodes.Status403Forbidden, "AccessDenied", "You have no right to access this object because of bucket acl.");
        }

        if (now.ToUnixTimeSeconds() > expires)
        {
            return StorageError(StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Sign(key, expires)), Encoding.UTF8.GetBytes(query["Signature"].ToString())))
        {
            return StorageError(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.");
        }

        var dash = key.LastIndexOf('-');
        var dot = key.LastIndexOf('.');
        if (dash < 0 || dot < dash
            || state.FindByAudioToken(key[(dash + 1)..dot]) is not { Song: { } song } generation
            || (ObjectKey(generation, ServedFormat(song)) != key && ObjectKey(generation, "wav") != key)
            || generation.StatusAt(now) != "completed")
        {
            return StorageError(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.");
        }

        var audio = await FileAsync(generation.AudioToken, song);
        return Results.File(audio.Bytes, audio.ContentType, lastModified: generation.CompletesAt, enableRangeProcessing: true);
    }

    private static string ObjectKey(SimulatedGeneration generation, string format)
        => $"music/prod/tts-{generation.CompletesAt.UtcDateTime:yyyyMMddHHmmss}-{generation.AudioToken}.{format}";

    // The storage signs with HMAC-SHA1 (20 bytes, 28 characters of base64); the first 20 bytes of a SHA-256 HMAC look the same.
    private string Sign(string key, long expires)
        => Convert.ToBase64String(HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes($"GET\n\n\n{expires}\n/{key}")).AsSpan(0, 20));

    private static IResult StorageError(int statusCode, string code, string message) => Results.Text(
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Error>
          <Code>{code}</Code>
          <Message>{SecurityElement.Escape(message)}</Message>
          <RequestId>{Guid.NewGuid():N}</RequestId>
        </Error>
        """,
        "application/xml",
        Encoding.UTF8,
        statusCode);

    private Task<SongFile> FileAsync(string token, SimulatedSong song)
    {
        lock (_lock)
        {
            var node = _recent.First;
            while (node is not null && node.Value.Token != token)
            {
                node = node.Next;
            }

            if (node is null)
            {
                node = new((token, new Lazy<Task<SongFile>>(() => Task.Run(() => RenderAsync(song)))));
                if (_recent.Count >= KeptFiles)
                {
                    _recent.RemoveLast();
                }
            }
            else
            {
                _recent.Remove(node);
            }

            _recent.AddFirst(node);
            return node.Value.File.Value;
        }
    }

    private async Task<SongFile> RenderAsync(SimulatedSong song)
    {
        var notes = song.Compose().Notes;
        var samples = song.SampleCount(options.TimeScale);
        var rate = song.Audio.SampleRate;
        // Decided again here: ffmpeg may have failed to start since the link was given (a WAV then, whatever its name).
        var format = ServedFormat(song);
        if (format == "pcm")
        {
            return new(LyricsSynthesizer.Render(notes, samples, rate, wavHeader: false), PcmContentType);
        }

        if (format == "mp3" && await _ffmpeg.EncodeMp3Async(LyricsSynthesizer.Render(notes, samples, rate, wavHeader: false), rate, song.Audio.Bitrate) is { } mp3)
        {
            return new(mp3, "audio/mpeg");
        }

        return new(LyricsSynthesizer.Render(notes, samples, rate, wavHeader: true), "audio/wav");
    }
}
