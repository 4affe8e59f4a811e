namespace MinimaxMusic.Web.Audio;

/// <summary>Finds the folder that holds an ffmpeg tool (ffprobe, ffmpeg): a configured folder, else PATH.</summary>
internal static class FfmpegBinaries
{
    /// <summary>The folder holding <paramref name="tool"/> ("ffprobe", "ffmpeg"), or null when it is not installed.</summary>
    public static string? LocateFolder(string tool, string? configuredFolder)
    {
        var name = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        var folders = string.IsNullOrWhiteSpace(configuredFolder)
            ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [configuredFolder];
        return folders.FirstOrDefault(f => File.Exists(Path.Combine(f, name)));
    }

    public static string ExecutableIn(string folder, string tool) =>
        Path.Combine(folder, OperatingSystem.IsWindows() ? tool + ".exe" : tool);
}
