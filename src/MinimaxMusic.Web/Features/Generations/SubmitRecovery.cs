using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// Finds out what became of songs whose submit answer was lost — the app stopped while sending, or the answer timed
/// out or could not be read — by their client request id (the song's own id) in the vendor's request log:
/// <list type="bullet">
/// <item>listed as succeeded: the vendor has it (and charged it); it is accepted with the vendor's id and polled to the end;</item>
/// <item>listed as failed: refused, nothing charged;</item>
/// <item>not listed after a grace period of <see cref="MissesBeforeNeverSent"/> lookups: it never reached the vendor;</item>
/// <item>the log cannot be read: looked up again until the song's Polling:Timeout, and only then failed as "may have been charged".</item>
/// </list>
/// One log read per pass serves every song due, whatever their number (paged, newest first, in the window since the
/// oldest of them was created).
/// </summary>
internal sealed class SubmitRecovery(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<PollingOptions> options,
    SubmitsInFlight inFlight,
    UpstreamBackoff backoff,
    GenerationNotifier notifier,
    GenerationMetrics metrics,
    TimeProvider time,
    ILogger<SubmitRecovery> logger)
{
    /// <summary>Lookups that do not find a song before it is declared never sent; they are StaleSubmitAge / this apart.</summary>
    public const int MissesBeforeNeverSent = 4;

    private const int PageSize = 100;
    private const int MaxPages = 20;

    // The vendor's clock and ours may differ a little; a request is looked for from a minute before we recorded it.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Settles what it can of <paramref name="due"/> (songs still Submitting whose lookup is due). Returns when the poller
    /// is next needed for them: at once when one was found (it is polled now), else the next lookup, else null.
    /// </summary>
    public async Task<DateTime?> RecoverAsync(IReadOnlyList<Generation> due, CancellationToken cancellationToken)
    {
        var songs = due.Where(g => !inFlight.Contains(g.Id)).ToList();
        if (songs.Count == 0)
        {
            return null;
        }

        Dictionary<string, LogEntry>? listed = null;
        string? problem = null;
        try
        {
            listed = await ReadLogAsync(songs, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            backoff.TryRecord(ex);
            problem = UpstreamFailure.From(ex).Message;
            logger.LogWarning("The AIML request log could not be read to recover {Count} song(s): {Problem}", songs.Count, problem);
        }

        DateTime? next = null;
        foreach (var song in songs)
        {
            if (await SettleAsync(song.Id, listed, problem, cancellationToken) is { } at && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    /// <summary>The log rows of <paramref name="songs"/>, by client request id; pages until all are found or the window ends.</summary>
    private async Task<Dictionary<string, LogEntry>> ReadLogAsync(List<Generation> songs, CancellationToken cancellationToken)
    {
        var wanted = songs.Select(g => g.ClientRequestId).ToHashSet(StringComparer.Ordinal);
        var start = new DateTimeOffset(songs.Min(g => g.CreatedAtUtc) - ClockSlack, TimeSpan.Zero);
        var end = time.GetUtcNow() + ClockSlack;
        var found = new Dictionary<string, LogEntry>(StringComparer.Ordinal);

        using var scope = scopeFactory.CreateScope();
        var upstream = scope.ServiceProvider.GetRequiredService<IAimlApi>();
        for (var page = 0; page < MaxPages && found.Count < wanted.Count; page++)
        {
            var answer = await upstream.ListLogsAsync(start: start, end: end, limit: PageSize, offset: page * PageSize,
                cancellationToken: cancellationToken);
            foreach (var entry in answer.Data)
            {
                if (entry.ClientRequestId is { } id && wanted.Contains(id))
                {
                    found.TryAdd(id, entry);
                }
            }

            if (!answer.Pagination.HasMore)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>Settles one song; returns when the poller needs it next (its first poll or its next lookup), or null.</summary>
    private async Task<DateTime?> SettleAsync(Guid id, Dictionary<string, LogEntry>? listed, string? problem, CancellationToken cancellationToken)
    {
        // Read afresh: the submit may have been answered after the pass read this row.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var song = await db.Generations.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (song is not { Status: GenerationStatus.Submitting } || inFlight.Contains(id))
        {
            return null;
        }

        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var nextLookUp = now + settings.StaleSubmitAge / MissesBeforeNeverSent;
        if (listed is null)
        {
            if (now - song.CreatedAtUtc < settings.Timeout)
            {
                song.LookUpAgain($"The AIML request log could not be read ({problem}); the app will look again.", nextLookUp);
            }
            else
            {
                song.Fail("SubmitOutcomeUnknown",
                    "The app lost the AIML service's answer to this song and could not read the service's request log, so it may "
                    + $"have been charged. Its request id is {song.ClientRequestId}: look it up on the AIML dashboard before generating it again.",
                    now);
            }
        }
        else if (listed.TryGetValue(song.ClientRequestId, out var entry) && entry.Succeeded)
        {
            // The vendor has it: from here on it is polled like any other song, at once (it may be done already).
            song.Accept(entry.InferenceId, entry.Created.UtcDateTime, now, new SubmitCharge(entry.Cost.Credits, entry.Cost.Usd));
            logger.LogInformation("Generation {GenerationId} recovered from the request log as {UpstreamId}", song.Id, entry.InferenceId);
            metrics.Submitted();
        }
        else if (entry is not null)
        {
            song.Fail("Rejected",
                "The AIML service did not accept this song (its request log lists the request as failed), so nothing was charged.", now);
        }
        else if (song.PollCount + 1 < MissesBeforeNeverSent)
        {
            song.LookUpAgain(problem: null, nextLookUp);
        }
        else
        {
            song.Fail("NeverSent",
                "This song never reached the AIML service (its request log does not list it), so nothing was charged. Generate it again.",
                now);
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted meanwhile.
            return null;
        }

        if (song.Status == GenerationStatus.Submitting)
        {
            return song.NextPollAtUtc;
        }

        if (song.Status == GenerationStatus.Failed)
        {
            metrics.Finished(GenerationStatus.Failed);
            logger.LogWarning("Generation {GenerationId} could not be recovered: {ErrorName}", song.Id, song.ErrorName);
        }

        notifier.Publish(new(song.Id, song.Status, Finished: song.IsFinal));
        return song.NextPollAtUtc;
    }
}
