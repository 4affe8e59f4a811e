using System.ComponentModel;
using System.Diagnostics;
using FFMpegCore;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Audio;

internal enum ProbeOutcome
{
    /// <summary>ffprobe read the file: see <see cref="ProbeResult.Analysis"/>.</summary>
    Analysed,

    /// <summary>ffprobe is not installed (or would not start): nothing can be said about the file.</summary>
    ToolMissing,

    /// <summary>ffprobe ran past <see cref="MediaProbe.ProbeTimeout"/>.</summary>
    TimedOut,

    /// <summary>ffprobe ran and could not read the file as media.</summary>
    Unreadable,
}

/// <summary>What ffprobe found: the container's format names (e.g. "mp3", "wav"), its audio streams and length.</summary>
internal sealed record MediaAnalysis(string FormatName, IReadOnlyList<string> Formats, int AudioStreams, TimeSpan? Duration);

internal sealed record ProbeResult(ProbeOutcome Outcome, MediaAnalysis? Analysis = null);

/// <summary>How an ffmpeg run ended: its exit code and what it said on stderr (trimmed).</summary>
internal sealed record FfmpegRun(int ExitCode, string Errors);

/// <summary>Waveform peaks decoded by ffmpeg, and how many samples (at <see cref="MediaProbe.PcmSampleRate"/>) there were.</summary>
internal sealed record DecodedAudio(float[] Peaks, long Samples)
{
    public TimeSpan? Duration => Samples > 0 ? TimeSpan.FromSeconds((double)Samples / MediaProbe.PcmSampleRate) : null;
}

/// <summary>
/// The one owner of ffprobe and ffmpeg: finds them (Media:FfmpegFolder, else PATH) once, says once when one is
/// missing, and runs them with time caps. The reference check and the archiver both measure through it.
/// </summary>
internal sealed class MediaProbe
{
    public const int PcmSampleRate = 8000;
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DecodeTimeout = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time;
    private readonly ILogger<MediaProbe> _logger;
    private readonly Tool _ffprobe;
    private readonly Tool _ffmpeg;

    public MediaProbe(IOptions<MediaOptions> options, TimeProvider time, ILogger<MediaProbe> logger)
    {
        _time = time;
        _logger = logger;
        var settings = options.Value;
        if (settings.FolderFromDeprecatedKey is { } oldKey)
        {
            logger.LogWarning("The setting {OldKey} is deprecated; rename it to {NewKey}", oldKey, $"{MediaOptions.SectionName}:{nameof(MediaOptions.FfmpegFolder)}");
        }

        _ffprobe = new Tool("ffprobe", settings.FfmpegFolder, "reference durations cannot be verified and songs are archived without a duration", logger);
        _ffmpeg = new Tool("ffmpeg", settings.FfmpegFolder, "songs are archived without a waveform and downloads come only in their original format", logger);
    }

    /// <summary>Whether ffprobe is there to run (found, and it has not failed to start).</summary>
    public bool HasFfprobe => _ffprobe.Folder is not null;

    /// <summary>Reads the file's container, audio streams and duration with ffprobe.</summary>
    public async Task<ProbeResult> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (_ffprobe.Folder is not { } folder)
        {
            return new ProbeResult(ProbeOutcome.ToolMissing);
        }

        using var timeout = new CancellationTokenSource(ProbeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, new FFOptions { BinaryFolder = folder }, cancellationToken: linked.Token);
            var duration = analysis.Format.Duration > TimeSpan.Zero ? analysis.Format.Duration : analysis.Duration;
            var formatName = analysis.Format.FormatName ?? "";
            return new ProbeResult(ProbeOutcome.Analysed, new MediaAnalysis(
                formatName,
                formatName.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                analysis.AudioStreams.Count,
                duration > TimeSpan.Zero ? duration : null));
        }
        catch (Win32Exception ex)
        {
            _ffprobe.FailedToStart(ex);
            return new ProbeResult(ProbeOutcome.ToolMissing);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("ffprobe did not finish reading {Path} within {Timeout}", path, ProbeTimeout);
            return new ProbeResult(ProbeOutcome.TimedOut);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // FFMpegException for what is not media; anything else ffprobe's answer could throw means the same here.
            _logger.LogInformation("ffprobe could not read {Path}: {Message}", path, ex.Message);
            return new ProbeResult(ProbeOutcome.Unreadable);
        }
    }

    /// <summary>
    /// Decodes the file to mono PCM at <see cref="PcmSampleRate"/> with ffmpeg and folds it into waveform peaks.
    /// Null when ffmpeg is missing or cannot decode the file (logged): a song is worth keeping without a waveform.
    /// </summary>
    public async Task<DecodedAudio?> DecodePeaksAsync(string path, CancellationToken cancellationToken)
    {
        var finePeaks = new List<float>();
        long samples = 0;
        var run = await RunFfmpegAsync(
            ["-i", path, "-ac", "1", "-ar", $"{PcmSampleRate}", "-f", "s16le", "-"], DecodeTimeout,
            async (stdout, ct) =>
            {
                var buffer = new byte[Waveform.SamplesPerFinePeak * 2 * 128];
                int read;
                while ((read = await stdout.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct)) > 0)
                {
                    samples += Waveform.AddFinePeaks(buffer.AsSpan(0, read), finePeaks);
                }
            },
            cancellationToken);
        if (run is not { ExitCode: 0 })
        {
            if (run is not null)
            {
                _logger.LogWarning("ffmpeg could not decode {Path} (exit {ExitCode}): {Problem}", path, run.ExitCode, run.Errors);
            }

            return null;
        }

        return new DecodedAudio(Waveform.Bucket(finePeaks), samples);
    }

    /// <summary>Whether ffmpeg is there to run (found, and it has not failed to start): conversions need it.</summary>
    public bool HasFfmpeg => _ffmpeg.Folder is not null;

    /// <summary>
    /// Runs ffmpeg (quiet, never reading stdin) with <paramref name="arguments"/> under a <paramref name="timeout"/>;
    /// <paramref name="readOutput"/>, when given, consumes its stdout. Null when ffmpeg is missing, will not start, times
    /// out or breaks off (logged); otherwise its exit code and what it said on stderr.
    /// </summary>
    public async Task<FfmpegRun?> RunFfmpegAsync(
        IReadOnlyList<string> arguments, TimeSpan timeout, Func<Stream, CancellationToken, Task>? readOutput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (_ffmpeg.Folder is not { } folder)
        {
            return null;
        }

        var start = new ProcessStartInfo(Tool.ExecutableIn(folder, "ffmpeg"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-nostdin", "-v", "error", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Process? process = null;
        try
        {
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception("ffmpeg did not start");
            }
            catch (Win32Exception ex)
            {
                _ffmpeg.FailedToStart(ex);
                return null;
            }

            // Drained concurrently: a full stderr pipe would stall ffmpeg and with it stdout.
            var errors = process.StandardError.ReadToEndAsync(linked.Token);
            if (readOutput is not null)
            {
                await readOutput(process.StandardOutput.BaseStream, linked.Token);
            }
            else
            {
                await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, linked.Token);
            }

            await process.WaitForExitAsync(linked.Token);
            return new FfmpegRun(process.ExitCode, (await errors).Trim());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Broken pipe, time cap.
            _logger.LogWarning(ex, "ffmpeg {Arguments} did not finish", string.Join(' ', arguments));
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

    /// <summary>One ffmpeg tool: located on first use, said once when it is missing or will not start.</summary>
    private sealed class Tool(string name, string? configuredFolder, string consequence, ILogger logger)
    {
        private readonly Lazy<string?> _folder = new(() => Locate(name, configuredFolder, consequence, logger));
        private volatile bool _failedToStart;

        public string? Folder => _failedToStart ? null : _folder.Value;

        public void FailedToStart(Exception ex)
        {
            if (!_failedToStart)
            {
                _failedToStart = true;
                logger.LogWarning(ex, "{Tool} in {Folder} could not be started; {Consequence}", name, _folder.Value, consequence);
            }
        }

        public static string ExecutableIn(string folder, string tool) =>
            Path.Combine(folder, OperatingSystem.IsWindows() ? tool + ".exe" : tool);

        private static string? Locate(string tool, string? configuredFolder, string consequence, ILogger logger)
        {
            var folders = string.IsNullOrWhiteSpace(configuredFolder)
                ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                : [configuredFolder];
            var folder = folders.FirstOrDefault(f => File.Exists(ExecutableIn(f, tool)));
            if (folder is null)
            {
                logger.LogWarning("{Tool} was not found ({Where}); {Consequence}. Install ffmpeg (Debian: apt-get install ffmpeg) or set {Key}.",
                    tool, string.IsNullOrWhiteSpace(configuredFolder) ? "searched PATH" : configuredFolder, consequence,
                    $"{MediaOptions.SectionName}:{nameof(MediaOptions.FfmpegFolder)}");
            }

            return folder;
        }
    }
}
