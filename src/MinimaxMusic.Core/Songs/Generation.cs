using MinimaxMusic.Core.Models;

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

/// <summary>
/// One song request and everything the app learned about it: the owner of the song's life. Its status and the facts
/// that go with it change only through the transitions below; each checks the status it starts from and throws
/// <see cref="InvalidSongTransitionException"/> (changing nothing) when the move is not allowed. Times are UTC.
/// <code>
/// Submitting → Queued ⇄ Generating → Completed (then archived)
///     ↓          ↓          ↓     ↘ TimedOut → Completed | Failed (late checks)
///   Failed     Failed     Failed
/// </code>
/// </summary>
public sealed class Generation
{
    // For EF Core, which sets the properties itself.
    private Generation()
    {
        Title = string.Empty;
        Lyrics = string.Empty;
        Model = ModelCatalog.Legacy;
    }


    public Guid Id { get; private set; }
    public string Title { get; private set; }

    /// <summary>The vendor model it was made with (<see cref="ModelCatalog"/>); songs from before there was a choice are legacy.</summary>
    public string Model { get; private set; }

    /// <summary>What the model was asked to sing: the legacy model's whole prompt, or a newer model's lyrics (empty when none were sent).</summary>
    public string Lyrics { get; private set; }

    /// <summary>The style description a newer model takes (its <c>prompt</c>); null for the legacy model.</summary>
    public string? Style { get; private set; }

    /// <summary>The reference track's address; null for models that take none.</summary>
    public string? ReferenceAudioUrl { get; private set; }

    /// <summary>Asked for with no vocals (<c>is_instrumental</c>).</summary>
    public bool Instrumental { get; private set; }

    /// <summary>The lyrics were left to the vendor to write from the style (<c>lyrics_optimizer</c>).</summary>
    public bool WriteLyrics { get; private set; }

    /// <summary>The output format asked for (mp3, wav, pcm); null for the model's default.</summary>
    public string? OutputFormat { get; private set; }

    /// <summary>The output sample rate asked for, in Hz; null for the model's default.</summary>
    public int? SampleRate { get; private set; }

    /// <summary>The output bitrate asked for, in bit/s; null for the model's default.</summary>
    public int? Bitrate { get; private set; }

    /// <summary>The song this one came from (a cover of it, or generated again from it); null for a fresh song.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>How it relates to <see cref="ParentId"/>.</summary>
    public SongOrigin Origin { get; private set; }

    /// <summary>
    /// The reference file this app hosts (an upload, or a copy of one of our songs) that the song was made with; null
    /// when the reference is someone else's URL. While set, that file is in use and is not deleted.
    /// </summary>
    public string? ReferenceFileName { get; private set; }
    public string? UpstreamId { get; private set; }
    public GenerationStatus Status { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public DateTime? GeneratingAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }

    /// <summary>
    /// When the song is looked at next: its next status check while it runs (and its few late checks after a timeout),
    /// or, while it is still <see cref="GenerationStatus.Submitting"/>, when to look it up in the vendor's request log
    /// should the submit's answer never arrive.
    /// </summary>
    public DateTime? NextPollAtUtc { get; private set; }
    public int PollCount { get; private set; }

    /// <summary>When the AIML service was last asked about this song: the detection lag is at most the time since.</summary>
    public DateTime? LastPolledAtUtc { get; private set; }
    public int TransientErrorCount { get; private set; }
    public string? LastTransientError { get; private set; }

    public string? ErrorName { get; private set; }
    public string? ErrorMessage { get; private set; }
    public double? CreditsUsed { get; private set; }

    /// <summary>What the vendor said the song cost in US dollars (its <c>x-aimlapi-usd-spent</c>), when it said.</summary>
    public decimal? UsdSpent { get; private set; }

    public string? AudioUrl { get; private set; }
    public string? AudioContentType { get; private set; }
    public long? AudioFileSize { get; private set; }
    public string? ArchivedFileName { get; private set; }
    public long? ArchivedSize { get; private set; }

    /// <summary>SHA-256 of the archived file, lowercase hex: integrity check and the /media ETag.</summary>
    public string? ArchivedSha256 { get; private set; }
    public DateTime? ArchivedAtUtc { get; private set; }
    public double? DurationSeconds { get; private set; }

    /// <summary>One byte per bucket, 0..255 for 0..1 of full scale; see <see cref="Waveform"/>.</summary>
    public byte[]? WaveformPeaks { get; private set; }
    public int ArchiveAttempts { get; private set; }

    /// <summary>When the next archive attempt is due; null when archived or when the attempts are used up.</summary>
    public DateTime? NextArchiveAtUtc { get; private set; }
    public string? LastArchiveError { get; private set; }

    /// <summary>Client-chosen key that makes a repeated submit create one generation.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>Marked by the team so it is easy to find again in the history.</summary>
    public bool IsFavourite { get; private set; }

    /// <summary>The team member who made it (null for songs from before accounts, or whose maker was removed).</summary>
    public string? OwnerId { get; private set; }

    public bool IsArchived => ArchivedAtUtc is not null;

    /// <summary>Saving the local copy failed and no retry is scheduled: it plays from the vendor's link until that expires.</summary>
    public bool ArchiveGivenUp => !IsArchived && NextArchiveAtUtc is null && LastArchiveError is not null;

    public bool IsFinal => Status is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.TimedOut;

    /// <summary>
    /// The id the vendor's request log knows this song by (<c>X-Client-Request-Id</c>): our own id, so a submit whose
    /// answer was lost can be found again.
    /// </summary>
    public string ClientRequestId => Id.ToString("D");

    public const int MaxTitleLength = 120;

    /// <summary>The most UTF-16 units a title may take where it is stored (its database column).</summary>
    public const int MaxStoredTitleLength = 200;

    /// <summary>
    /// A new song about to be sent. It is recorded before the submit so a crash mid-submit leaves a trace; if no answer
    /// arrives, it is looked up in the vendor's request log at <paramref name="lookUpAtUtc"/>.
    /// </summary>
    public static Generation Create(
        Guid id, string lyrics, string referenceAudioUrl, string? ownerId, string? idempotencyKey, DateTime nowUtc, DateTime lookUpAtUtc,
        string? referenceFileName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lyrics);
        ArgumentException.ThrowIfNullOrWhiteSpace(referenceAudioUrl);
        return Create(id, new SongRequest(ModelCatalog.Legacy, Lyrics: lyrics, ReferenceUrl: referenceAudioUrl), ownerId, idempotencyKey,
            nowUtc, lookUpAtUtc, referenceFileName);
    }

    /// <summary>
    /// A new song for any model, from a request that passed <see cref="ModelRules.Validate"/>; <paramref name="parent"/>
    /// says which song it came from, if any.
    /// </summary>
    public static Generation Create(
        Guid id, SongRequest request, string? ownerId, string? idempotencyKey, DateTime nowUtc, DateTime lookUpAtUtc,
        string? referenceFileName = null, SongParent? parent = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ModelId);
        var lyrics = request.Instrumental || request.WriteLyrics ? string.Empty : request.Lyrics ?? string.Empty;
        var style = string.IsNullOrWhiteSpace(request.Style) ? null : request.Style.Trim();
        var reference = string.IsNullOrWhiteSpace(request.ReferenceUrl) ? null : request.ReferenceUrl.Trim();
        return new Generation
        {
            Id = id,
            Title = TitleFor(lyrics, style, request.Instrumental),
            Model = request.ModelId,
            Lyrics = lyrics,
            Style = style,
            ReferenceAudioUrl = reference,
            ReferenceFileName = reference is null ? null : referenceFileName,
            Instrumental = request.Instrumental,
            WriteLyrics = request.WriteLyrics,
            OutputFormat = request.Audio?.Format,
            SampleRate = request.Audio?.SampleRate,
            Bitrate = request.Audio?.Bitrate,
            ParentId = parent?.SongId,
            Origin = parent?.Origin ?? SongOrigin.New,
            Status = GenerationStatus.Submitting,
            CreatedAtUtc = nowUtc,
            NextPollAtUtc = lookUpAtUtc,
            IdempotencyKey = idempotencyKey,
            OwnerId = ownerId,
        };
    }

    /// <summary>Everything the song was asked with, as a request: what is sent, and what "Generate again" restores.</summary>
    public SongRequest Request => new(
        Model,
        Style,
        Lyrics.Length == 0 ? null : Lyrics,
        ReferenceAudioUrl,
        Instrumental,
        WriteLyrics,
        OutputFormat is null && SampleRate is null && Bitrate is null ? null : new AudioChoice(OutputFormat, SampleRate, Bitrate));

    /// <summary>The format the vendor delivers this song in: what was asked for, or the model's default.</summary>
    public string DeliveredFormat => OutputFormat ?? (ModelCatalog.Find(Model)?.Audio is { Accepted: true } audio ? audio.DefaultFormat : "mp3");

    /// <summary>The vendor took the song (from the submit's answer, or found again in its request log).</summary>
    public void Accept(string upstreamId, DateTime submittedAtUtc, DateTime firstPollAtUtc, SubmitCharge? charge = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(upstreamId);
        Require(nameof(Accept), GenerationStatus.Submitting);
        UpstreamId = upstreamId;
        Status = GenerationStatus.Queued;
        SubmittedAtUtc = submittedAtUtc;
        NextPollAtUtc = firstPollAtUtc;
        LastTransientError = null;
        CreditsUsed = charge?.CreditsUsed ?? CreditsUsed;
        UsdSpent = charge?.UsdSpent ?? UsdSpent;
    }

    /// <summary>
    /// The submit was sent but its answer was lost (a timeout, a dropped connection, an unreadable body): the vendor may
    /// or may not have the song. It stays Submitting and is looked up in the request log at <paramref name="lookUpAtUtc"/>.
    /// </summary>
    public void Interrupt(string reason, DateTime lookUpAtUtc)
    {
        Require(nameof(Interrupt), GenerationStatus.Submitting);
        TransientErrorCount++;
        LastTransientError = reason;
        NextPollAtUtc = lookUpAtUtc;
    }

    /// <summary>
    /// A lookup in the request log did not settle it: the log does not list it yet (<paramref name="problem"/> null; counted
    /// in <see cref="PollCount"/>, the misses that decide when it was never sent), or the log could not be read. Look again later.
    /// </summary>
    public void LookUpAgain(string? problem, DateTime lookUpAtUtc)
    {
        Require(nameof(LookUpAgain), GenerationStatus.Submitting);
        if (problem is null)
        {
            PollCount++;
        }
        else
        {
            TransientErrorCount++;
            LastTransientError = problem;
        }

        NextPollAtUtc = lookUpAtUtc;
    }

    /// <summary>The vendor says the song waits its turn.</summary>
    public void MarkQueued() => Require(nameof(MarkQueued), GenerationStatus.Queued, GenerationStatus.Generating).Status = GenerationStatus.Queued;

    /// <summary>The vendor says the song is being made.</summary>
    public void MarkGenerating(DateTime nowUtc)
    {
        Require(nameof(MarkGenerating), GenerationStatus.Queued, GenerationStatus.Generating);
        Status = GenerationStatus.Generating;
        GeneratingAtUtc ??= nowUtc;
    }

    /// <summary>
    /// The song is done and its audio is at <paramref name="audio"/> until the vendor's link expires; it is due to be
    /// saved locally at once. A song that timed out and finished late completes too (its timeout note is cleared).
    /// </summary>
    public void Complete(AudioLink audio, double? creditsUsed, DateTime nowUtc, decimal? usdSpent = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentException.ThrowIfNullOrWhiteSpace(audio.Url);
        Require(nameof(Complete), GenerationStatus.Queued, GenerationStatus.Generating, GenerationStatus.TimedOut);
        AudioUrl = audio.Url;
        AudioContentType = audio.ContentType;
        AudioFileSize = audio.FileSize;
        CreditsUsed = creditsUsed ?? CreditsUsed;
        UsdSpent = usdSpent ?? UsdSpent;
        GeneratingAtUtc ??= nowUtc;
        Status = GenerationStatus.Completed;
        FinishedAtUtc = nowUtc;
        ErrorName = null;
        ErrorMessage = null;
        NextPollAtUtc = null;
        NextArchiveAtUtc = nowUtc;
    }

    /// <summary>The song will not be made: the vendor refused or reported an error, or it never reached the vendor.</summary>
    public void Fail(string name, string message, DateTime nowUtc, double? creditsUsed = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Require(nameof(Fail), GenerationStatus.Submitting, GenerationStatus.Queued, GenerationStatus.Generating, GenerationStatus.TimedOut);
        Status = GenerationStatus.Failed;
        ErrorName = name;
        ErrorMessage = message;
        CreditsUsed = creditsUsed ?? CreditsUsed;
        FinishedAtUtc = nowUtc;
        NextPollAtUtc = null;
    }

    /// <summary>No result by the timeout. A few late checks follow (<paramref name="lateCheckAtUtc"/> is the first).</summary>
    public void TimeOut(string message, DateTime nowUtc, DateTime? lateCheckAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Require(nameof(TimeOut), GenerationStatus.Queued, GenerationStatus.Generating);
        Status = GenerationStatus.TimedOut;
        ErrorName = "TimedOut";
        ErrorMessage = message;
        FinishedAtUtc = nowUtc;
        NextPollAtUtc = lateCheckAtUtc;
    }

    /// <summary>
    /// One status check, applied whole: what the vendor reported (or why it could not be asked), then the timeout rule,
    /// then when to check next. Late checks of a timed-out song only act on a final answer.
    /// </summary>
    public void RecordCheck(VendorReport report, DateTime nowUtc, PollingOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        Require(nameof(RecordCheck), GenerationStatus.Queued, GenerationStatus.Generating, GenerationStatus.TimedOut);
        var lateCheck = Status == GenerationStatus.TimedOut;
        PollCount++;
        LastPolledAtUtc = nowUtc;

        switch (report)
        {
            case VendorReport.Unreachable unreachable:
                // Transient trouble never fails a song by itself; it is counted and shown.
                TransientErrorCount++;
                LastTransientError = unreachable.Problem;
                break;
            case VendorReport.Unknown when lateCheck:
                // The vendor forgot a song that had already timed out: it stays timed out, with no further checks.
                NextPollAtUtc = null;
                return;
            case VendorReport.Unknown:
                Fail("UnknownGeneration", "The AIML service no longer knows this generation id.", nowUtc);
                return;
            case VendorReport.Answer answer:
                Apply(answer, lateCheck, nowUtc);
                break;
        }

        var submitted = SubmittedAtUtc ?? CreatedAtUtc;
        if (!IsFinal && PollSchedule.HasTimedOut(options, submitted, nowUtc))
        {
            TimeOut(PollSchedule.TimeoutMessage(options), nowUtc, lateCheckAtUtc: null);
        }

        NextPollAtUtc = PollSchedule.Next(options, Status, submitted, nowUtc);
    }

    private void Apply(VendorReport.Answer answer, bool lateCheck, DateTime nowUtc)
    {
        // "Still queued" changes nothing for a song that already timed out: only a final answer does.
        if (lateCheck && answer.State is not (VendorState.Completed or VendorState.Failed))
        {
            return;
        }

        switch (answer.State)
        {
            case VendorState.Queued:
                MarkQueued();
                break;
            case VendorState.Generating:
                MarkGenerating(nowUtc);
                break;
            case VendorState.Completed when answer.Audio is { Url.Length: > 0 } audio:
                Complete(audio, answer.CreditsUsed, nowUtc, answer.UsdSpent);
                break;
            case VendorState.Completed:
                TransientErrorCount++;
                LastTransientError = "The AIML service reported completion without an audio file.";
                break;
            case VendorState.Failed:
                Fail(answer.ErrorName ?? "GenerationError", answer.ErrorMessage ?? "The AIML service reported an error without details.",
                    nowUtc, answer.CreditsUsed);
                break;
            case VendorState.Unknown:
                // Treated as still running until the timeout (the poller logs the unknown word).
                break;
        }
    }

    /// <summary>The audio is saved locally (see <see cref="ArchivedAudio"/>): from now on it plays from this server.</summary>
    public void RecordArchived(ArchivedAudio file, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(file);
        RequireUnarchivedCompletion(nameof(RecordArchived));
        ArchivedFileName = file.FileName;
        ArchivedSize = file.Size;
        ArchivedSha256 = file.Sha256;
        AudioContentType = file.ContentType;
        DurationSeconds = file.DurationSeconds;
        WaveformPeaks = file.WaveformPeaks;
        ArchivedAtUtc = nowUtc;
        ArchiveAttempts++;
        NextArchiveAtUtc = null;
        LastArchiveError = null;
    }

    /// <summary>
    /// An attempt to save the audio failed. With <paramref name="retry"/> another attempt is scheduled by
    /// <see cref="ArchiveSchedule"/> until <paramref name="maxAttempts"/> are used up. Returns the wait, or null when it gives up.
    /// </summary>
    public TimeSpan? RecordArchiveFailure(string problem, bool retry, int maxAttempts, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        RequireUnarchivedCompletion(nameof(RecordArchiveFailure));
        ArchiveAttempts++;
        LastArchiveError = problem;
        var delay = retry ? ArchiveSchedule.DelayAfter(ArchiveAttempts, maxAttempts) : null;
        NextArchiveAtUtc = delay is { } wait ? nowUtc + wait : null;
        return delay;
    }

    /// <summary>An archive attempt found the audio already saved (by an earlier attempt): nothing is due any more.</summary>
    public void SettleArchive()
    {
        Require(nameof(SettleArchive), GenerationStatus.Completed);
        if (IsArchived)
        {
            NextArchiveAtUtc = null;
        }
    }

    public void Rename(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    public void MarkFavourite(bool favourite) => IsFavourite = favourite;

    /// <summary>The first non-empty lyric line, without accompaniment markers: how people recognise a song.</summary>
    private static string TitleFor(string lyrics, string? style, bool instrumental)
    {
        if (!Text.TextElements.IsInvisible(lyrics))
        {
            return TitleFrom(lyrics);
        }

        // No words yet (an instrumental, or lyrics the vendor writes): the style's first phrase names it.
        var phrase = style?.Split([',', '.', ';', '\n'], 2)[0].Trim();
        if (string.IsNullOrEmpty(phrase))
        {
            return instrumental ? "Instrumental" : "Untitled";
        }

        var title = instrumental ? $"{phrase} (instrumental)" : phrase;
        return Text.TextElements.Truncate(char.ToUpperInvariant(title[0]) + title[1..], maxElements: 80, maxLength: MaxStoredTitleLength);
    }

    public static string TitleFrom(string lyrics)
    {
        // At most 80 characters as people see them, and at most MaxStoredTitleLength UTF-16 units: a letter under a pile
        // of accents is one character but many units. A line that shows nothing is no title.
        var first = lyrics.Split('\n')
            .Select(line => line.Replace("##", string.Empty, StringComparison.Ordinal).Trim())
            .FirstOrDefault(line => !Text.TextElements.IsInvisible(line) && !MinimaxMusic.Core.Lyrics.SectionLyrics.IsTagLine(line)) ?? "Untitled";
        return Text.TextElements.Truncate(first, maxElements: 80, maxLength: MaxStoredTitleLength);
    }

    private Generation Require(string transition, params ReadOnlySpan<GenerationStatus> allowed)
    {
        foreach (var status in allowed)
        {
            if (Status == status)
            {
                return this;
            }
        }

        throw new InvalidSongTransitionException(Id, Status, transition);
    }

    private void RequireUnarchivedCompletion(string transition)
    {
        Require(transition, GenerationStatus.Completed);
        if (IsArchived)
        {
            throw new InvalidSongTransitionException(Id, Status, transition, "its audio is already saved");
        }
    }
}

/// <summary>A transition the song's current state does not allow; the song was not changed.</summary>
public sealed class InvalidSongTransitionException(Guid songId, GenerationStatus status, string transition, string? why = null)
    : InvalidOperationException($"Song {songId} is {status}: {transition} is not allowed{(why is null ? "" : " (" + why + ")")}.")
{
    public GenerationStatus Status { get; } = status;

    public string Transition { get; } = transition;
}

/// <summary>Where the vendor keeps a finished song's audio (until its link expires).</summary>
public sealed record AudioLink(string Url, string? ContentType = null, long? FileSize = null);

/// <summary>How a song relates to the one it came from.</summary>
public enum SongOrigin
{
    /// <summary>Made fresh.</summary>
    New,

    /// <summary>A cover: the parent's melody with a new style (and perhaps new words).</summary>
    CoverOf,

    /// <summary>Made again with the parent's settings (perhaps changed).</summary>
    GeneratedAgainFrom,
}

/// <summary>The song a new one came from.</summary>
public sealed record SongParent(Guid SongId, SongOrigin Origin);

/// <summary>What the vendor said a submit cost, from its answer's headers.</summary>
public sealed record SubmitCharge(double? CreditsUsed, decimal? UsdSpent);

/// <summary>The facts of a saved audio file.</summary>
public sealed record ArchivedAudio(string FileName, long Size, string Sha256, string ContentType, double? DurationSeconds, byte[]? WaveformPeaks);

public static class GenerationStatusText
{
    public static string ToDisplay(this GenerationStatus status) => status switch
    {
        GenerationStatus.TimedOut => "Timed out",
        _ => status.ToString(),
    };
}
