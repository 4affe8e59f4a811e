using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MinimaxMusic.Core.Models;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// Keeps a local copy of each finished song: the vendor's CDN links are not promised to last (the newer models' are
/// signed and expire within a day). Downloads through the guarded client and writes through the <see cref="AudioStore"/>
/// (a partial file renamed into place, so a crash never leaves half a song); mp3 and wav are kept as they come, raw
/// <c>pcm</c> gets a WAV header (<see cref="PcmWav"/>) so it plays. Then hashes what it keeps and measures duration and
/// waveform peaks through the <see cref="MediaProbe"/>.
/// A failed attempt leaves the song Completed (it still plays from the remote link) and schedules a retry.
/// </summary>
internal sealed class AudioArchiver(
    GuardedHttp http,
    AudioStore store,
    IOptions<ArchiveOptions> options,
    TimeProvider time,
    MediaProbe media,
    GenerationMetrics metrics,
    ILogger<AudioArchiver> logger)
{
    /// <summary>
    /// Tries once to archive <paramref name="generation"/>'s audio and records the outcome on it (the caller saves).
    /// Returns true when the song is archived.
    /// </summary>
    public async Task<bool> ArchiveAsync(Generation generation, CancellationToken cancellationToken)
    {
        if (generation.AudioUrl is null || !Uri.TryCreate(generation.AudioUrl, UriKind.Absolute, out var url))
        {
            return RecordFailure(generation, "there is no valid audio link to download", retry: false);
        }

        var settings = options.Value;
        try
        {
            await using var staged = store.Stage(AudioKind.Song);
            var download = await staged.WriteAsync(
                (file, ct) => http.DownloadAsync(url, settings.MaxBytes, settings.DownloadTimeout, file, ct), cancellationToken);
            if (!download.Succeeded)
            {
                // A refused address or an oversized file will not change by asking again.
                var retry = download.Failure is not (DownloadFailure.Refused or DownloadFailure.TooLarge);
                return RecordFailure(generation, "the download failed: " + download.Problem, retry);
            }

            if (download.Bytes == 0)
            {
                return RecordFailure(generation, "the server sent an empty file", retry: true);
            }

            var head = await ReadHeadAsync(staged.Path, cancellationToken);
            var sniffed = AudioSniffer.Sniff(head);
            var size = download.Bytes;
            var saved = staged;
            await using var wrapped = IsRawPcm(generation, head, sniffed, download.ContentType) ? store.Stage(AudioKind.Song) : null;
            string? contentType;
            if (wrapped is not null)
            {
                // Raw samples play nowhere: a WAV header in front makes them a song with a duration and a waveform.
                if (PcmWav.WholeSampleBytes(download.Bytes) == 0)
                {
                    return RecordFailure(generation, "the server sent an empty file", retry: true);
                }

                size = await wrapped.WriteAsync(async (wav, ct) =>
                {
                    await using var raw = new FileStream(staged.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                    return await PcmWav.WrapAsync(raw, download.Bytes, wav, PcmSampleRate(generation), ct);
                }, cancellationToken);
                saved = wrapped;
                contentType = "audio/wav";
            }
            else
            {
                contentType = AudioContentType(sniffed, download.ContentType);
            }

            if (contentType is null)
            {
                return RecordFailure(generation,
                    $"the server did not send audio (it sent {download.ContentType ?? "no content type"})", retry: true);
            }

            var hash = await HashAsync(saved.Path, cancellationToken);
            var fileName = generation.Id.ToString("N") + ExtensionFor(contentType, url);
            if (!AudioStore.IsValidName(AudioKind.Song, fileName))
            {
                // The link's own extension is not one the store takes (".part", say).
                fileName = generation.Id.ToString("N") + ".audio";
            }

            saved.Commit(fileName);

            var (duration, peaks) = await MeasureAsync(store.PathOf(AudioKind.Song, fileName)!, cancellationToken);
            generation.RecordArchived(
                new ArchivedAudio(fileName, size, Convert.ToHexStringLower(hash), contentType, duration,
                    peaks is null ? null : Waveform.Encode(peaks)),
                time.GetUtcNow().UtcDateTime);
            metrics.Archived(size);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The audio of generation {GenerationId} could not be written to {Directory}", generation.Id, store.FolderOf(AudioKind.Song));
            return RecordFailure(generation, "the file could not be saved on this server", retry: true);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Never lose the completion over an archive bug: the song stays playable from its remote link.
            logger.LogError(ex, "Archiving generation {GenerationId} failed unexpectedly", generation.Id);
            return RecordFailure(generation, "an unexpected error occurred while saving the file", retry: true);
        }
    }

    /// <summary>Deletes the song's saved file (its row went while the file was being written).</summary>
    private bool RecordFailure(Generation generation, string problem, bool retry)
    {
        var delay = generation.RecordArchiveFailure(problem, retry, options.Value.MaxAttempts, time.GetUtcNow().UtcDateTime);
        logger.LogWarning("Archiving generation {GenerationId} failed (attempt {Attempt}): {Problem}; {Next}",
            generation.Id, generation.ArchiveAttempts, problem, delay is { } d ? $"retrying in {d}" : "giving up");
        return false;
    }

    private static async Task<byte[]> ReadHeadAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[AudioSniffer.BytesNeeded];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return head[..read];
    }

    /// <summary>SHA-256 of the bytes kept (after any wrapping): the integrity check and the /media ETag name exactly these.</summary>
    private static async Task<byte[]> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return await SHA256.HashDataAsync(file, cancellationToken);
    }

    /// <summary>The bytes win over the header: a CDN may label audio application/octet-stream, or label an error page audio.</summary>
    private static string? AudioContentType(SniffedContent sniffed, string? declared) => sniffed switch
    {
        SniffedContent.Wav => "audio/wav",
        SniffedContent.Mp3 => "audio/mpeg",
        SniffedContent.Html => null,
        _ => declared is not null && declared.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? declared.ToLowerInvariant() : null,
    };

    /// <summary>
    /// Whether the download is the raw samples a song asked for as <c>pcm</c>: the song decides (the vendor may label them
    /// audio/pcm, application/octet-stream or anything), unless the bytes are plainly something else — a WAV or an
    /// ID3-tagged MP3 already, or an error page (HTML, or a text, JSON or XML answer) that must not become noise.
    /// </summary>
    private static bool IsRawPcm(Generation generation, ReadOnlySpan<byte> head, SniffedContent sniffed, string? declared) =>
        string.Equals(generation.DeliveredFormat, "pcm", StringComparison.OrdinalIgnoreCase)
        && sniffed is not (SniffedContent.Wav or SniffedContent.Html)
        && !head.StartsWith("ID3"u8)
        && !(declared is not null && (declared.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || declared.Contains("json", StringComparison.OrdinalIgnoreCase) || declared.Contains("xml", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The rate the song asked for, else its model's default, else the vendor's usual 44,100 Hz.</summary>
    private static int PcmSampleRate(Generation generation) =>
        generation.SampleRate is > 0 and var asked ? asked
        : ModelCatalog.Find(generation.Model)?.Audio is { DefaultSampleRate: > 0 } audio ? audio.DefaultSampleRate
        : PcmWav.DefaultSampleRate;

    private static string ExtensionFor(string contentType, Uri url) => contentType switch
    {
        "audio/mpeg" or "audio/mp3" => ".mp3",
        "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => ".wav",
        _ => Path.GetExtension(url.AbsolutePath) is { Length: > 1 and <= 5 } ext ? ext : ".audio",
    };

    /// <summary>Duration (ffprobe, else the decoded length) and peaks (ffmpeg); nulls when the tools are missing or fail.</summary>
    private async Task<(double? Duration, float[]? Peaks)> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        var probed = await media.ProbeAsync(path, cancellationToken);
        if (probed.Outcome is ProbeOutcome.TimedOut or ProbeOutcome.Unreadable)
        {
            logger.LogWarning("ffprobe could not measure {Path} ({Outcome}); the duration comes from decoding, if anywhere", path, probed.Outcome);
        }

        var decoded = await media.DecodePeaksAsync(path, cancellationToken);
        var duration = probed.Analysis?.Duration ?? decoded?.Duration;
        return (duration?.TotalSeconds, decoded?.Peaks);
    }
}
