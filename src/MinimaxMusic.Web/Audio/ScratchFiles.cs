namespace MinimaxMusic.Web.Audio;

/// <summary>
/// Copies downloaded only to be inspected (a reference URL's check), in the system temp folder. Named with one
/// prefix so the sweep finds those a crash left behind; every app on the machine shares the folder, so only old
/// ones are swept.
/// </summary>
internal static class ScratchFiles
{
    private const string Prefix = "minimaxmusic-";
    private const string Suffix = ".tmp";

    /// <summary>A fresh path, e.g. /tmp/minimaxmusic-reference-0f3c….tmp; the caller creates and deletes the file.</summary>
    public static string NewPath(string purpose) => Path.Combine(Path.GetTempPath(), $"{Prefix}{purpose}-{Guid.NewGuid():N}{Suffix}");

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

    /// <summary>Deletes scratch files last written before <paramref name="cutoffUtc"/>; returns how many.</summary>
    public static int Sweep(DateTime cutoffUtc)
    {
        var deleted = 0;
        foreach (var file in new DirectoryInfo(Path.GetTempPath()).EnumerateFiles($"{Prefix}*{Suffix}"))
        {
            try
            {
                if (file.LastWriteTimeUtc < cutoffUtc)
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
}
