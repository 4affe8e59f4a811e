using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using FFMpegCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// Keeps a local copy of each finished song: the vendor's CDN links are not promised to last. Downloads through
/// the guarded client, hashes while streaming, writes atomically (temp file, then rename) so a crash never leaves
/// half a song, then measures duration and waveform peaks with ffprobe/ffmpeg when they are installed.
/// A failed attempt leaves the song Completed (it still plays from the remote link) and schedules a retry.
/// </summary>
internal sealed class AudioArchiver(
    GuardedHttp http,
    IOptions<StorageOptions> storage,
    IOptions<ArchiveOptions> options,
    TimeProvider time,
    GenerationMetrics metrics,
    ILogger<AudioArchiver> logger)
{
    public const int PcmSampleRate = 8000;
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromSeconds(60);

    private readonly Lazy<string?> _ffprobeFolder = new(() => Locate("ffprobe", options.Value.FfmpegFolder, logger));
    private readonly Lazy<string?> _ffmpegFolder = new(() => Locate("ffmpeg", options.Value.FfmpegFolder, logger));

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
        var directory = storage.Value.AudioDirectory;
        var temp = Path.Combine(directory, $"{generation.Id:N}.{Guid.NewGuid():N}.part");
        try
        {
            Directory.CreateDirectory(directory);
            GuardedDownload download;
            byte[] hash;
            using (var sha256 = SHA256.Create())
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await using (var hashing = new CryptoStream(file, sha256, CryptoStreamMode.Write, leaveOpen: true))
                {
                    download = await http.DownloadAsync(url, settings.MaxBytes, settings.DownloadTimeout, hashing, cancellationToken);
                    await hashing.FlushFinalBlockAsync(cancellationToken);
                }

                hash = sha256.Hash!;
            }

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

            var contentType = await AudioContentTypeAsync(temp, download.ContentType, cancellationToken);
            if (contentType is null)
            {
                return RecordFailure(generation,
                    $"the server did not send audio (it sent {download.ContentType ?? "no content type"})", retry: true);
            }

            var fileName = generation.Id.ToString("N") + ExtensionFor(contentType, url);
            var target = Path.Combine(directory, fileName);
            File.Move(temp, target, overwrite: true);

            var (duration, peaks) = await MeasureAsync(target, cancellationToken);
            generation.RecordArchived(
                new ArchivedAudio(fileName, download.Bytes, Convert.ToHexStringLower(hash), contentType, duration,
                    peaks is null ? null : Waveform.Encode(peaks)),
                time.GetUtcNow().UtcDateTime);
            metrics.Archived(download.Bytes);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The audio of generation {GenerationId} could not be written to {Directory}", generation.Id, directory);
            return RecordFailure(generation, "the file could not be saved on this server", retry: true);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Never lose the completion over an archive bug: the song stays playable from its remote link.
            logger.LogError(ex, "Archiving generation {GenerationId} failed unexpectedly", generation.Id);
            return RecordFailure(generation, "an unexpected error occurred while saving the file", retry: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    public string? PathOf(Generation generation) =>
        generation.ArchivedFileName is { } name ? Path.Combine(storage.Value.AudioDirectory, name) : null;

    private bool RecordFailure(Generation generation, string problem, bool retry)
    {
        var delay = generation.RecordArchiveFailure(problem, retry, options.Value.MaxAttempts, time.GetUtcNow().UtcDateTime);
        logger.LogWarning("Archiving generation {GenerationId} failed (attempt {Attempt}): {Problem}; {Next}",
            generation.Id, generation.ArchiveAttempts, problem, delay is { } d ? $"retrying in {d}" : "giving up");
        return false;
    }

    /// <summary>The bytes win over the header: a CDN may label audio application/octet-stream, or label an error page audio.</summary>
    private static async Task<string?> AudioContentTypeAsync(string path, string? declared, CancellationToken cancellationToken)
    {
        var head = new byte[AudioSniffer.BytesNeeded];
        int read;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
        {
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        return AudioSniffer.Sniff(head.AsSpan(0, read)) switch
        {
            SniffedContent.Wav => "audio/wav",
            SniffedContent.Mp3 => "audio/mpeg",
            SniffedContent.Html => null,
            _ => declared is not null && declared.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? declared.ToLowerInvariant() : null,
        };
    }

    private static string ExtensionFor(string contentType, Uri url) => contentType switch
    {
        "audio/mpeg" or "audio/mp3" => ".mp3",
        "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => ".wav",
        _ => Path.GetExtension(url.AbsolutePath) is { Length: > 1 and <= 5 } ext ? ext : ".audio",
    };

    /// <summary>Duration (ffprobe, else the decoded length) and peaks (ffmpeg); nulls when the tools are missing or fail.</summary>
    private async Task<(double? Duration, float[]? Peaks)> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        var duration = await ProbeDurationAsync(path, cancellationToken);
        var decoded = await DecodePeaksAsync(path, cancellationToken);
        duration ??= decoded is { Samples: > 0 } d ? (double)d.Samples / PcmSampleRate : null;
        return (duration, decoded?.Peaks);
    }

    private async Task<double?> ProbeDurationAsync(string path, CancellationToken cancellationToken)
    {
        if (_ffprobeFolder.Value is not { } folder)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(AnalysisTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, new FFOptions { BinaryFolder = folder }, cancellationToken: linked.Token);
            var duration = analysis.Format.Duration > TimeSpan.Zero ? analysis.Format.Duration : analysis.Duration;
            return duration > TimeSpan.Zero ? duration.TotalSeconds : null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Missing tool (Win32Exception), unreadable file (FFMpegException), time cap: archive without a duration.
            logger.LogWarning(ex, "ffprobe could not measure {Path}; the song is archived without a duration", path);
            return null;
        }
    }

    private async Task<(float[] Peaks, long Samples)?> DecodePeaksAsync(string path, CancellationToken cancellationToken)
    {
        if (_ffmpegFolder.Value is not { } folder)
        {
            return null;
        }

        var start = new ProcessStartInfo(FfmpegBinaries.ExecutableIn(folder, "ffmpeg"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-nostdin", "-v", "error", "-i", path, "-ac", "1", "-ar", $"{PcmSampleRate}", "-f", "s16le", "-"])
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(AnalysisTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Process? process = null;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("ffmpeg did not start");
            // Drained concurrently: a full stderr pipe would stall ffmpeg and with it stdout.
            var errors = process.StandardError.ReadToEndAsync(linked.Token);
            var finePeaks = new List<float>();
            long samples = 0;
            var buffer = new byte[Waveform.SamplesPerFinePeak * 2 * 128];
            var stdout = process.StandardOutput.BaseStream;
            int read;
            while ((read = await stdout.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, linked.Token)) > 0)
            {
                samples += Waveform.AddFinePeaks(buffer.AsSpan(0, read), finePeaks);
            }

            await process.WaitForExitAsync(linked.Token);
            var problem = await errors;
            if (process.ExitCode != 0)
            {
                logger.LogWarning("ffmpeg could not decode {Path} (exit {ExitCode}): {Problem}", path, process.ExitCode, problem.Trim());
                return null;
            }

            return (Waveform.Bucket(finePeaks), samples);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Missing tool, broken pipe, time cap: the song is still worth keeping without a waveform.
            logger.LogWarning(ex, "ffmpeg could not decode {Path}; the song is archived without a waveform", path);
            return null;
        }
        finally
        {
            if (process is { HasExited: false })
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the check and the kill.
                }
            }

            process?.Dispose();
        }
    }

    private static string? Locate(string tool, string? configuredFolder, ILogger logger)
    {
        var folder = FfmpegBinaries.LocateFolder(tool, configuredFolder);
        if (folder is null)
        {
            logger.LogWarning("{Tool} was not found ({Where}); songs are archived without duration or waveform. Install ffmpeg "
                + "(Debian: apt-get install ffmpeg) or set Archive:FfmpegFolder.", tool, configuredFolder ?? "searched PATH");
        }

        return folder;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover .part file is harmless: it is never served and the next attempt uses a fresh name.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
