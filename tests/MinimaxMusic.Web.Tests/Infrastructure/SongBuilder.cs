namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>
/// Test data for songs in any state, reached through the song's own transitions (its setters are private): what the
/// properties say is where the song ends up, the rest has plausible defaults.
/// </summary>
internal sealed class SongBuilder
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public string? Title { get; init; }
    public string? Lyrics { get; init; }
    public string ReferenceAudioUrl { get; init; } = "https://cdn.example.com/reference.mp3";
    public string? ReferenceFileName { get; init; }
    public GenerationStatus Status { get; init; } = GenerationStatus.Completed;
    public string? OwnerId { get; init; }
    public string? IdempotencyKey { get; init; }
    public bool IsFavourite { get; init; }
    public DateTime CreatedAtUtc { get; init; } = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    public DateTime? SubmittedAtUtc { get; init; }

    /// <summary>For a song still Submitting: when it is due to be looked up in the vendor's request log.</summary>
    public DateTime? LookUpAtUtc { get; init; }
    public DateTime? GeneratingAtUtc { get; init; }
    public DateTime? FinishedAtUtc { get; init; }
    public string? UpstreamId { get; init; }
    public int TransientErrorCount { get; init; }
    public string? LastTransientError { get; init; }
    public string? ErrorName { get; init; }
    public string? ErrorMessage { get; init; }
    public double? CreditsUsed { get; init; }

    /// <summary>What the vendor said the song cost, recorded from its submit answer (null: it did not say).</summary>
    public decimal? UsdSpent { get; init; }
    public string? AudioUrl { get; init; }
    public string? AudioContentType { get; init; }
    public long? AudioFileSize { get; init; }

    /// <summary>Any archive fact (or <see cref="ArchivedAtUtc"/>) makes a completed song archived.</summary>
    public string? ArchivedFileName { get; init; }
    public long? ArchivedSize { get; init; }
    public string? ArchivedSha256 { get; init; }
    public DateTime? ArchivedAtUtc { get; init; }
    public double? DurationSeconds { get; init; }
    public byte[]? WaveformPeaks { get; init; }

    /// <summary>A failed archive attempt; with <see cref="ArchiveRetries"/> false it gave up.</summary>
    public string? LastArchiveError { get; init; }
    public bool ArchiveRetries { get; init; } = true;

    /// <summary>A song of any model: what it was asked with (instead of <see cref="Lyrics"/> and <see cref="ReferenceAudioUrl"/>).</summary>
    public SongRequest? Request { get; init; }

    /// <summary>The song it came from (a cover of it, or generated again from it).</summary>
    public SongParent? Parent { get; init; }

    public Generation Build()
    {
        var lyrics = Lyrics ?? Title ?? "La la la";
        var lookUp = LookUpAtUtc ?? CreatedAtUtc.AddMinutes(1);
        var song = Request is not null || Parent is not null
            ? Generation.Create(Id, Request ?? new SongRequest(ModelCatalog.Legacy, Lyrics: lyrics, ReferenceUrl: ReferenceAudioUrl),
                OwnerId, IdempotencyKey, CreatedAtUtc, lookUp, ReferenceFileName, Parent)
            : Generation.Create(Id, lyrics, ReferenceAudioUrl, OwnerId, IdempotencyKey, CreatedAtUtc, lookUp, ReferenceFileName);
        if (Title is not null && Title != song.Title)
        {
            song.Rename(Title);
        }

        song.MarkFavourite(IsFavourite);
        var finished = FinishedAtUtc ?? CreatedAtUtc.AddMinutes(1);
        if (Status == GenerationStatus.Submitting)
        {
            return song;
        }

        if (Status == GenerationStatus.Failed && UpstreamId is null && SubmittedAtUtc is null)
        {
            // Refused on submit: never accepted.
            song.Fail(ErrorName ?? "Rejected", ErrorMessage ?? "The AIML service rejected the request.", finished, CreditsUsed);
            return song;
        }

        var submitted = SubmittedAtUtc ?? CreatedAtUtc.AddSeconds(1);
        song.Accept(UpstreamId ?? $"{Id}:minimax-music", submitted, submitted.AddSeconds(50), UsdSpent is null ? null : new SubmitCharge(null, UsdSpent));
        var options = new PollingOptions { Timeout = TimeSpan.FromDays(1) };
        for (var i = 0; i < TransientErrorCount; i++)
        {
            song.RecordCheck(new VendorReport.Unreachable(LastTransientError ?? "The AIML service failed (502)."), submitted.AddSeconds(50 + i), options);
        }

        if (GeneratingAtUtc is { } generating || Status == GenerationStatus.Generating)
        {
            song.MarkGenerating(GeneratingAtUtc ?? submitted.AddSeconds(5));
        }

        switch (Status)
        {
            case GenerationStatus.Completed:
                song.Complete(new AudioLink(AudioUrl ?? $"https://cdn.example.com/files/{Id:N}.wav", AudioContentType, AudioFileSize), CreditsUsed, finished);
                if (ArchivedFileName is not null || ArchivedAtUtc is not null || ArchivedSize is not null)
                {
                    song.RecordArchived(
                        new ArchivedAudio(ArchivedFileName ?? $"{Id:N}.wav", ArchivedSize ?? 0, ArchivedSha256 ?? new string('0', 64),
                            AudioContentType ?? "audio/wav", DurationSeconds, WaveformPeaks),
                        ArchivedAtUtc ?? finished);
                }
                else if (LastArchiveError is not null)
                {
                    song.RecordArchiveFailure(LastArchiveError, ArchiveRetries, maxAttempts: 6, finished);
                }

                break;
            case GenerationStatus.Failed:
                song.Fail(ErrorName ?? "GenerationError", ErrorMessage ?? "The model refused.", finished, CreditsUsed);
                break;
            case GenerationStatus.TimedOut:
                song.TimeOut(ErrorMessage ?? "No result from the AIML service after 15 minutes.", finished, lateCheckAtUtc: null);
                break;
        }

        return song;
    }
}
