using System.ComponentModel.DataAnnotations;

namespace MinimaxMusic.Web.Features.Generations;

internal sealed class ArchiveOptions
{
    public const string SectionName = "Archive";

    /// <summary>The largest song the archiver downloads; a minute of CD-quality WAV is about 10 MB.</summary>
    [Range(1L, 4L * 1024 * 1024 * 1024, ErrorMessage = "Archive:MaxBytes must be between 1 and 4294967296 (bytes).")]
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long one download may take, from the request to the last byte.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Archive:DownloadTimeout must be between 00:00:01 and 01:00:00.")]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before the archiver gives up; the song keeps playing from the remote link meanwhile.</summary>
    [Range(1, 100, ErrorMessage = "Archive:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Songs saved at once (each is a download, a hash and an ffmpeg run); polling never waits for them.</summary>
    [Range(1, 16, ErrorMessage = "Archive:MaxConcurrency must be between 1 and 16.")]
    public int MaxConcurrency { get; set; } = 2;
}
