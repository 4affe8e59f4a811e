using System.ComponentModel.DataAnnotations;

namespace MinimaxMusic.Web.Features.References;

internal sealed class ReferenceOptions
{
    public const string SectionName = "References";

    /// <summary>The most the probe downloads; a minute of CD-quality WAV is about 10 MB.</summary>
    [Range(1L, 1024L * 1024 * 1024, ErrorMessage = "References:MaxBytes must be between 1 and 1073741824 (bytes).")]
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The largest reference file a user may upload; checked against the declared size and the bytes received.</summary>
    [Range(1L, 1024L * 1024 * 1024, ErrorMessage = "References:MaxUploadBytes must be between 1 and 1073741824 (bytes).")]
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How long the download may take, from the request to the last byte.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "References:ProbeTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a usable result is reused for the same URL (failures: one minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "References:CacheFor must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(10);
}
