namespace MinimaxMusic.Web.Features.References;

public enum SavedReferenceSource
{
    /// <summary>A URL on someone else's server, checked by the probe.</summary>
    Url,

    /// <summary>A file a user uploaded, hosted by this app under App:PublicBaseUrl.</summary>
    Upload,

    /// <summary>A hosted copy of one of our own completed songs.</summary>
    Song,
}

/// <summary>A checked reference track kept under a name for reuse. Times are UTC.</summary>
public sealed class SavedReference
{
    public const int MaxNameLength = 80;
    public const int MaxUrlLength = 2048;

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }

    /// <summary>"MP3" or "WAV".</summary>
    public string? Format { get; set; }
    public double? DurationSeconds { get; set; }
    public long? SizeBytes { get; set; }
    public SavedReferenceSource Source { get; set; }

    /// <summary>For <see cref="SavedReferenceSource.Upload"/> and <see cref="SavedReferenceSource.Song"/>: the hosted file's name.</summary>
    public string? UploadFileName { get; set; }

    /// <summary>For <see cref="SavedReferenceSource.Song"/>: the generation the file was copied from.</summary>
    public Guid? SongId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime LastCheckedAtUtc { get; set; }

    public TimeSpan? Duration => DurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
}
