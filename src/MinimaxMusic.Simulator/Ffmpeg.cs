using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace MinimaxMusic.Simulator;

/// <summary>
/// ffmpeg for the newer models' mp3 output, found like the app's MediaProbe finds it (a configured folder, else PATH).
/// Missing, failing to start or failing to encode all mean the same: no mp3 (the caller serves a WAV instead).
/// </summary>
internal sealed class Ffmpeg(string? configuredFolder)
{
    public static readonly TimeSpan EncodeTimeout = TimeSpan.FromSeconds(60);

    private readonly Lazy<string?> _executable = new(() => Locate(configuredFolder));
    private volatile bool _failedToStart;

    public bool IsAvailable => !_failedToStart && _executable.Value is not null;

    /// <summary>Encodes 16-bit little-endian mono <paramref name="pcm"/> as MP3 (frames from the first byte, no ID3 tag).</summary>
    public async Task<byte[]?> EncodeMp3Async(byte[] pcm, int sampleRate, int bitrate)
    {
        if (!IsAvailable)
        {
            return null;
        }

        var start = new ProcessStartInfo(_executable.Value!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var rate = sampleRate.ToString(CultureInfo.InvariantCulture);
        foreach (var argument in (string[])["-v", "error", "-f", "s16le", "-ar", rate, "-ac", "1", "-i", "pipe:0",
                     "-codec:a", "libmp3lame", "-b:a", bitrate.ToString(CultureInfo.InvariantCulture), "-id3v2_version", "0", "-f", "mp3", "pipe:1"])
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(EncodeTimeout);
        Process? process = null;
        try
        {
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception("ffmpeg did not start");
            }
            catch (Win32Exception)
            {
                _failedToStart = true;
                return null;
            }

            // Fed, drained and read at once: any one of the three pipes filling up would stall the others.
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            var feeding = FeedAsync(process, pcm, timeout.Token);
            using var output = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
            await feeding;
            await errors;
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0 && output.Length > 0 ? output.ToArray() : null;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
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

    private static async Task FeedAsync(Process process, byte[] pcm, CancellationToken cancellationToken)
    {
        await using var input = process.StandardInput.BaseStream;
        await input.WriteAsync(pcm, cancellationToken);
    }

    private static string? Locate(string? configuredFolder)
    {
        var folders = string.IsNullOrWhiteSpace(configuredFolder)
            ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [configuredFolder];
        var name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }
}
