namespace MinimaxMusic.Core.Songs;

public enum GenerationStatus
{
    Submitting,
    Queued,
    Generating,
    Completed,
    Failed,
    TimedOut,
}

/// <summary>One song request and everything the app learned about it. Times are UTC.</summary>
public sealed class Generation
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public required string Lyrics { get; set; }
    public required string ReferenceAudioUrl { get; set; }

    /// <summary>
    /// The reference file this app hosts (an upload, or a copy of one of our songs) that the song was made with; null
    /// when the reference is someone else's URL. While set, that file is in use and is not deleted.
    /// </summary>
    public string? ReferenceFileName { get; private set; }
    public string? UpstreamId { get; set; }
    public GenerationStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public DateTime? GeneratingAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public DateTime? NextPollAtUtc { get; set; }
    public int PollCount { get; set; }

    /// <summary>When the AIML service was last asked about this song: the detection lag is at most the time since.</summary>
    public DateTime? LastPolledAtUtc { get; set; }
    public int TransientErrorCount { get; set; }
    public string? LastTransientError { get; set; }

    public string? ErrorName { get; set; }
    public string? ErrorMessage { get; set; }
    public double? CreditsUsed { get; set; }

    public string? AudioUrl { get; set; }
    public string? AudioContentType { get; set; }
    public long? AudioFileSize { get; set; }
    public string? ArchivedFileName { get; set; }
    public long? ArchivedSize { get; set; }

    /// <summary>SHA-256 of the archived file, lowercase hex: integrity check and the /media ETag.</summary>
    public string? ArchivedSha256 { get; set; }
    public DateTime? ArchivedAtUtc { get; set; }
    public double? DurationSeconds { get; set; }

    /// <summary>One byte per bucket, 0..255 for 0..1 of full scale; see <see cref="Waveform"/>.</summary>
    public byte[]? WaveformPeaks { get; set; }
    public int ArchiveAttempts { get; set; }

    /// <summary>When the next archive attempt is due; null when archived or when the attempts are used up.</summary>
    public DateTime? NextArchiveAtUtc { get; set; }
    public string? LastArchiveError { get; set; }

    /// <summary>Client-chosen key that makes a repeated submit create one generation.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Marked by the team so it is easy to find again in the history.</summary>
    public bool IsFavourite { get; set; }

    /// <summary>The team member who made it (null for songs from before accounts, or whose maker was removed).</summary>
    public string? OwnerId { get; set; }

    public bool IsArchived => ArchivedAtUtc is not null;

    /// <summary>Saving the local copy failed and no retry is scheduled: it plays from the vendor's link until that expires.</summary>
    public bool ArchiveGivenUp => !IsArchived && NextArchiveAtUtc is null && LastArchiveError is not null;

    public bool IsFinal => Status is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.TimedOut;

    /// <summary>Links the song to the hosted reference file it is made with (see <see cref="ReferenceFileName"/>).</summary>
    public void UseHostedReference(string? fileName) => ReferenceFileName = fileName;

    public void Fail(string name, string message, DateTime nowUtc)
    {
        Status = GenerationStatus.Failed;
        ErrorName = name;
        ErrorMessage = message;
        FinishedAtUtc = nowUtc;
        NextPollAtUtc = null;
    }

    public const int MaxTitleLength = 120;

    /// <summary>The first non-empty lyric line, without accompaniment markers: how people recognise a song.</summary>
    public static string TitleFrom(string lyrics)
    {
        var first = lyrics.Split('\n')
            .Select(line => line.Replace("##", string.Empty, StringComparison.Ordinal).Trim())
            .FirstOrDefault(line => line.Length > 0) ?? "Untitled";
        return first.Length <= 80 ? first : string.Concat(first.AsSpan(0, 79), "…");
    }
}

public static class GenerationStatusText
{
    public static string ToDisplay(this GenerationStatus status) => status switch
    {
        GenerationStatus.TimedOut => "Timed out",
        _ => status.ToString(),
    };
}
