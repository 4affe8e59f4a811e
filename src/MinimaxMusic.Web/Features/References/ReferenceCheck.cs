namespace MinimaxMusic.Web.Features.References;

/// <summary>What the probe found at a reference track URL, for the page to show and the service to enforce.</summary>
public sealed record ReferenceCheck
{
    public required string Url { get; init; }

    /// <summary>True when the track may be sent upstream (possibly with a <see cref="Warning"/>).</summary>
    public bool IsUsable { get; init; }

    /// <summary>Why the track cannot be used, in words for the writer; null when usable.</summary>
    public string? Problem { get; init; }

    /// <summary>"MP3" or "WAV".</summary>
    public string? Format { get; init; }

    public TimeSpan? Duration { get; init; }

    public long? SizeBytes { get; init; }

    public string? ContentType { get; init; }

    /// <summary>False when ffprobe was not available: the writer decides on their own judgement.</summary>
    public bool DurationVerified { get; init; }

    public string? Warning { get; init; }

    /// <summary>
    /// Set when the track is a file this app hosts (an upload, or a copy of one of our songs): the name that links a
    /// saved reference or a song to the file, so the file is kept while they need it.
    /// </summary>
    public string? HostedFileName { get; init; }

    /// <summary>Set when the track is a hosted copy of one of our own songs, so saving it records where it came from.</summary>
    public Guid? SongId { get; init; }

    public static ReferenceCheck Unusable(string url, string problem) => new() { Url = url, Problem = problem };
}
