namespace MinimaxMusic.Web.Features.Generations;

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
    public string? UpstreamId { get; set; }
    public GenerationStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public DateTime? GeneratingAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public DateTime? NextPollAtUtc { get; set; }
    public int PollCount { get; set; }
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

    public bool IsFinal => Status is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.TimedOut;

    public void Fail(string name, string message, DateTime nowUtc)
    {
        Status = GenerationStatus.Failed;
        ErrorName = name;
        ErrorMessage = message;
        FinishedAtUtc = nowUtc;
        NextPollAtUtc = null;
    }

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
