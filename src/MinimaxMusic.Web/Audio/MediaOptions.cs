namespace MinimaxMusic.Web.Audio;

internal sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Keys that named the same folder before there was one setting for it; still read when this one is empty.</summary>
    public static readonly string[] DeprecatedFolderKeys = ["Archive:FfmpegFolder", "References:FfprobeFolder"];

    /// <summary>Folder that holds ffmpeg and ffprobe; empty means search PATH.</summary>
    public string? FfmpegFolder { get; set; }

    /// <summary>The deprecated key <see cref="FfmpegFolder"/> was taken from, so the probe can say to rename it; null otherwise.</summary>
    internal string? FolderFromDeprecatedKey { get; set; }
}
