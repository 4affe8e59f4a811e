using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// Moves unfinished songs towards a final state. Each pass runs one query for the active rows due
/// soon, polls the due ones with bounded concurrency, then sleeps until the next is due or a submit
/// wakes it.
/// </summary>
internal sealed class GenerationPoller(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<PollingOptions> options,
    PollerSignal signal,
    GenerationNotifier notifier,
    ArchiveQueue archives,
    UpstreamBackoff backoff,
    TimeProvider time,
    GenerationMetrics metrics,
    SubmitRecovery recovery,
    SubmitsInFlight inFlight,
    ILogger<GenerationPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                sleep = await RunPassAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "A polling pass failed; retrying after the interval");
                sleep = options.Value.Interval;
            }

            await signal.WaitAsync(sleep, stoppingToken);
        }
    }

    /// <summary>
    /// One pass: a single query finds the songs due soon — unfinished ones to poll, completed ones whose archive attempt
    /// is due again, and songs still Submitting whose answer was lost (looked up in the vendor's request log) — then the
    /// due ones are handled with bounded concurrency. Returns how long to sleep.
    /// </summary>
    internal async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;

        // After a 429 nothing is sent, and nothing is queried either, until the vendor's Retry-After has passed.
        var blocked = backoff.Remaining;
        if (blocked > TimeSpan.Zero)
        {
            return blocked;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var horizon = now + settings.MaxInterval;

        List<Generation> soon;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            soon = await db.Generations.AsNoTracking()
                // Timed-out songs keep a next poll only for their few late checks.
                .Where(g => ((g.Status == GenerationStatus.Submitting || g.Status == GenerationStatus.Queued
                              || g.Status == GenerationStatus.Generating || g.Status == GenerationStatus.TimedOut)
                             && g.NextPollAtUtc != null && g.NextPollAtUtc <= horizon)
                            || (g.Status == GenerationStatus.Completed && g.NextArchiveAtUtc != null && g.NextArchiveAtUtc <= horizon))
                .ToListAsync(cancellationToken);
        }

        metrics.PollerPass();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken };

        // A song whose submit this process is still sending is the submit's to settle; it wakes this loop when done.
        soon.RemoveAll(g => g.Status == GenerationStatus.Submitting && inFlight.Contains(g.Id));
        var lost = soon.Where(g => g.Status == GenerationStatus.Submitting && g.NextPollAtUtc <= now).ToList();
        DateTime? recoveryDue = null;
        if (lost.Count > 0 && !backoff.IsBlocked)
        {
            recoveryDue = await recovery.RecoverAsync(lost, cancellationToken);
            // Settled or looked up again later: their next times are in the database, not in this pass's copies.
            soon.RemoveAll(lost.Contains);
        }

        var duePolls = soon.Where(g => g.Status is not (GenerationStatus.Completed or GenerationStatus.Submitting) && g.NextPollAtUtc <= now)
            .OrderBy(g => g.NextPollAtUtc).ToList();
        await Parallel.ForEachAsync(duePolls, parallel, async (generation, ct) =>
        {
            // A 429 met by a poll earlier in this pass holds back the ones not sent yet; they stay due.
            if (!backoff.IsBlocked)
            {
                await PollOneAsync(generation, ct);
            }
        });

        // Saving audio downloads from the CDN, not the API (the 429 gate does not hold it back), and happens in the
        // archive worker: this pass hands the due ones over and never waits for them.
        foreach (var due in soon.Where(g => g.Status == GenerationStatus.Completed && g.NextArchiveAtUtc <= now))
        {
            archives.Enqueue(due.Id);
        }

        // Handled rows were updated in place: their next times count too (finished ones have none). Songs in the
        // archive queue are the worker's; it wakes this loop when it is done with them.
        var nextDue = soon.SelectMany(g => new[] { g.NextPollAtUtc, archives.IsPending(g.Id) ? null : g.NextArchiveAtUtc })
            .Append(recoveryDue)
            .Where(at => at is not null)
            .Select(at => at!.Value)
            .DefaultIfEmpty(horizon)
            .Min();
        var sleep = nextDue - time.GetUtcNow().UtcDateTime;
        sleep = sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > settings.MaxInterval ? settings.MaxInterval : sleep;
        return backoff.Remaining > sleep ? backoff.Remaining : sleep;
    }

    private async Task PollOneAsync(Generation generation, CancellationToken cancellationToken)
    {
        var before = generation.Status;
        var previousCheck = generation.LastPolledAtUtc;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Generations.Attach(generation);

        VendorReport report;
        try
        {
            // A scope per poll: the typed Refit client is transient and holds a pooled handler.
            using var scope = scopeFactory.CreateScope();
            var upstream = scope.ServiceProvider.GetRequiredService<IAimlApi>();
            report = ToReport(generation, await upstream.PollAsync(generation.UpstreamId!, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = UpstreamFailure.From(ex);
            backoff.TryRecord(ex);
            report = failure.StatusCode == System.Net.HttpStatusCode.NotFound
                ? new VendorReport.Unknown()
                : new VendorReport.Unreachable(failure.Message);
            if (report is VendorReport.Unreachable)
            {
                logger.LogWarning("Polling generation {GenerationId} failed: {FailureName}", generation.Id, failure.Name);
            }
        }

        generation.RecordCheck(report, Now(), options.Value);
        if (!await SaveUnlessDeletedAsync(db, generation))
        {
            return;
        }

        var finished = generation.Status != before && generation.IsFinal;
        if (finished)
        {
            metrics.Finished(generation.Status);
        }

        // Detection lag is bounded by the gap since the previous check that still saw the song running; a song found
        // done by its first check has no such bound (the time since submit is not a lag), so it records none.
        var lateCheck = before == GenerationStatus.TimedOut;
        if (finished && generation.Status == GenerationStatus.Completed && !lateCheck && previousCheck is { } previous)
        {
            metrics.DetectionLag(generation.LastPolledAtUtc!.Value - previous);
        }

        if (generation.Status != before || generation.IsFinal)
        {
            notifier.Publish(new(generation.Id, generation.Status, Finished: finished));
        }

        if (finished && generation.Status == GenerationStatus.Completed)
        {
            archives.Enqueue(generation.Id);
        }
    }

    /// <summary>The vendor's answer in the song's terms; an unknown status word is logged and treated as still running.</summary>
    private VendorReport ToReport(Generation generation, GenerationResponse answer)
    {
        var state = VendorStatus.Map(answer.Status);
        if (state == VendorState.Unknown)
        {
            logger.LogWarning("Generation {GenerationId}: unknown upstream status {Status}; treating it as still running",
                generation.Id, answer.Status);
        }

        var audio = answer.AudioFile is { Url.Length: > 0 } file ? new AudioLink(file.Url, file.ContentType, file.FileSize) : null;
        return new VendorReport.Answer(state, audio, answer.Meta?.Usage?.CreditsUsed, answer.Error?.Name, answer.Error?.Message,
            answer.Meta?.Usage?.UsdSpent);
    }

    /// <summary>
    /// Saves what a poll learned. Someone may have deleted the song meanwhile: then nothing is saved. (The poller
    /// never writes audio: the archive worker does, and cleans up after a deletion itself.)
    /// </summary>
    private async Task<bool> SaveUnlessDeletedAsync(AppDbContext db, Generation generation)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Generation {GenerationId} was deleted while it was being checked", generation.Id);
            return false;
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
