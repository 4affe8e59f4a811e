namespace MinimaxMusic.Web.Audio;

/// <summary>
/// Copies downloaded only to be inspected (a reference URL's check), in the system temp folder. Named with one
/// prefix and the writing process's id, so the sweep finds those a crash left behind: a file whose process is gone
/// goes at once, others (every app on the machine shares the folder) only once old.
/// </summary>
internal static class ScratchFiles
{
    private const string Prefix = "minimaxmusic-";
    private const string Suffix = ".tmp";

    /// <summary>A fresh path, e.g. /tmp/minimaxmusic-reference-0f3c….tmp; the caller creates and deletes the file.</summary>
    public static string NewPath(string purpose) =>
        Path.Combine(Path.GetTempPath(), $"{Prefix}{purpose}-p{Environment.ProcessId}-{Guid.NewGuid():N}{Suffix}");

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the sweep.
        }
    }

    /// <summary>Deletes scratch files last written before <paramref name="cutoffUtc"/> or left by a process that is gone; returns how many.</summary>
    public static int Sweep(DateTime cutoffUtc)
    {
        var deleted = 0;
        foreach (var file in new DirectoryInfo(Path.GetTempPath()).EnumerateFiles($"{Prefix}*{Suffix}"))
        {
            try
            {
                if (file.LastWriteTimeUtc < cutoffUtc || WriterIsGone(file.Name))
                {
                    file.Delete();
                    deleted++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another app's, or already gone.
            }
        }

        return deleted;
    }

    private static bool WriterIsGone(string name)
    {
        var marker = name.IndexOf("-p", Prefix.Length, StringComparison.Ordinal);
        var end = marker < 0 ? -1 : name.IndexOf('-', marker + 2);
        if (end < 0 || !int.TryParse(name.AsSpan(marker + 2, end - marker - 2), out var processId))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
