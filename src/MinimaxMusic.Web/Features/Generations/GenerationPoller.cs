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
    AudioArchiver archiver,
    TimeProvider time,
    ILogger<GenerationPoller> logger) : BackgroundService
{
    private static readonly TimeSpan StaleSubmitAge = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FailStaleSubmissionsAsync(stoppingToken);

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

    /// <summary>Polls every due generation once; returns how long to sleep before the next pass.</summary>
    internal async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var horizon = now + settings.MaxInterval;

        List<Generation> active;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            active = await db.Generations.AsNoTracking()
                .Where(g => (g.Status == GenerationStatus.Queued || g.Status == GenerationStatus.Generating)
                            && g.NextPollAtUtc != null && g.NextPollAtUtc <= horizon)
                .OrderBy(g => g.NextPollAtUtc)
                .ToListAsync(cancellationToken);
        }

        var due = active.Where(g => g.NextPollAtUtc <= now).ToList();
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (generation, ct) => await PollOneAsync(generation, ct));

        // Polled rows were updated in place: their next poll counts too (final ones have none).
        var nextDue = active.Where(g => g.NextPollAtUtc is not null).Select(g => g.NextPollAtUtc!.Value).DefaultIfEmpty(horizon).Min();
        var afterPass = time.GetUtcNow().UtcDateTime;
        var sleep = nextDue - afterPass;
        return sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > settings.MaxInterval ? settings.MaxInterval : sleep;
    }

    private async Task PollOneAsync(Generation generation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var before = generation.Status;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Generations.Attach(generation);

        GenerationResponse? answer = null;
        try
        {
            // A scope per poll: the typed Refit client is transient and holds a pooled handler.
            using var scope = scopeFactory.CreateScope();
            var upstream = scope.ServiceProvider.GetRequiredService<IAimlApi>();
            answer = await upstream.PollAsync(generation.UpstreamId!, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = UpstreamFailure.From(ex);
            if (failure.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                generation.Fail("UnknownGeneration", "The AIML service no longer knows this generation id.", Now());
            }
            else
            {
                // Transient trouble never fails a song by itself; it is counted and shown.
                generation.TransientErrorCount++;
                generation.LastTransientError = failure.Message;
                logger.LogWarning("Polling generation {GenerationId} failed: {FailureName}", generation.Id, failure.Name);
            }
        }

        generation.PollCount++;
        if (answer is not null)
        {
            await ApplyAsync(generation, answer, cancellationToken);
        }

        var now = Now();
        if (!generation.IsFinal && generation.SubmittedAtUtc is { } submitted && now - submitted > settings.Timeout)
        {
            generation.Status = GenerationStatus.TimedOut;
            generation.ErrorName = "TimedOut";
            generation.ErrorMessage = $"No result from the AIML service after {settings.Timeout.TotalMinutes:0.#} minutes.";
            generation.FinishedAtUtc = now;
        }

        generation.NextPollAtUtc = generation.IsFinal ? null : now + settings.Interval;
        await db.SaveChangesAsync(CancellationToken.None);

        if (generation.Status != before || generation.IsFinal)
        {
            notifier.Publish(new(generation.Id, generation.Status));
        }
    }

    private async Task ApplyAsync(Generation generation, GenerationResponse answer, CancellationToken cancellationToken)
    {
        switch (answer.Status)
        {
            case "queued" or "waiting":
                generation.Status = GenerationStatus.Queued;
                break;
            case "generating":
                generation.Status = GenerationStatus.Generating;
                generation.GeneratingAtUtc ??= Now();
                break;
            case "completed" when answer.AudioFile is { Url.Length: > 0 } audio:
                generation.AudioUrl = audio.Url;
                generation.AudioContentType = audio.ContentType;
                generation.AudioFileSize = audio.FileSize;
                generation.CreditsUsed = answer.Meta?.Usage?.CreditsUsed;
                generation.GeneratingAtUtc ??= Now();
                await archiver.TryArchiveAsync(generation, cancellationToken);
                generation.Status = GenerationStatus.Completed;
                generation.FinishedAtUtc = Now();
                break;
            case "completed":
                generation.TransientErrorCount++;
                generation.LastTransientError = "The AIML service reported completion without an audio file.";
                break;
            case "error":
                generation.CreditsUsed = answer.Meta?.Usage?.CreditsUsed;
                generation.Fail(answer.Error?.Name ?? "GenerationError",
                    answer.Error?.Message ?? "The AIML service reported an error without details.", Now());
                break;
            default:
                logger.LogWarning("Generation {GenerationId}: unknown upstream status {Status}; treating it as still running",
                    generation.Id, answer.Status);
                break;
        }
    }

    private async Task FailStaleSubmissionsAsync(CancellationToken cancellationToken)
    {
        var cutoff = Now() - StaleSubmitAge;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stale = await db.Generations
            .Where(g => g.Status == GenerationStatus.Submitting && g.CreatedAtUtc < cutoff)
            .ToListAsync(cancellationToken);
        foreach (var generation in stale)
        {
            generation.Fail("Interrupted", "the app stopped while submitting; no generation id was received", Now());
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
