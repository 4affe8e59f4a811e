using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Lyrics;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Generations;

internal sealed record SubmitResult(Guid? GenerationId, IReadOnlyList<string> Errors)
{
    public bool Accepted => GenerationId is not null;
}

/// <summary>The one entry point for creating and reading songs: pages, API and tests all come here.</summary>
internal sealed class GenerationService(
    IDbContextFactory<AppDbContext> dbFactory,
    IAimlApi upstream,
    IOptions<AimlApiOptions> apiOptions,
    IOptions<PollingOptions> pollingOptions,
    GenerationNotifier notifier,
    PollerSignal pollerSignal,
    ReferenceLibrary references,
    GenerationMetrics metrics,
    TimeProvider time,
    ILogger<GenerationService> logger,
    CurrentUser? currentUser = null,
    QuotaService? quotas = null)
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// Validates, records and submits one song. With an <paramref name="idempotencyKey"/>, a repeat (double click,
    /// re-sent form, retried API call) returns the song the first call created and never submits again.
    /// </summary>
    public Task<SubmitResult> SubmitAsync(string? lyrics, string? referenceAudioUrl, CancellationToken cancellationToken = default) =>
        SubmitAsync(lyrics, referenceAudioUrl, idempotencyKey: null, cancellationToken);

    public async Task<SubmitResult> SubmitAsync(
        string? lyrics, string? referenceAudioUrl, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
        {
            return new SubmitResult(null, [$"The idempotency key is longer than {MaxIdempotencyKeyLength} characters."]);
        }

        if (idempotencyKey is not null && await FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken) is { } earlier)
        {
            return new SubmitResult(earlier, []);
        }

        var errors = SubmissionRules.Validate(lyrics, referenceAudioUrl);
        if (errors.Count > 0)
        {
            return new SubmitResult(null, errors);
        }

        // The daily quota (Quotas:SongsPerUserPerDay): refused before anything is fetched, recorded or sent (and
        // checked again, atomically with the insert, below).
        var ownerId = currentUser is null ? null : await currentUser.IdAsync();
        if (quotas is not null && await quotas.CheckAsync(ownerId, cancellationToken) is { } overQuota)
        {
            return new SubmitResult(null, [overQuota]);
        }

        // Every credit counts: the reference is fetched and measured here, not by the vendor after paying.
        var reference = await references.CheckAsync(referenceAudioUrl!.Trim(), cancellationToken);
        if (!reference.IsUsable)
        {
            return new SubmitResult(null, [$"Reference track: {reference.Problem}"]);
        }

        // What the model receives is the normalized text the page previewed (CRLF and non-breaking spaces shown, never silent).
        var prompt = LyricsAnalyzer.Analyze(lyrics).Prompt;

        var now = time.GetUtcNow().UtcDateTime;
        var generation = new Generation
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Title = Generation.TitleFrom(prompt),
            Lyrics = prompt,
            ReferenceAudioUrl = reference.Url,
            Status = GenerationStatus.Submitting,
            CreatedAtUtc = now,
            IdempotencyKey = idempotencyKey,
            OwnerId = ownerId,
        };
        generation.UseHostedReference(reference.HostedFileName);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        using (var hold = quotas is null ? QuotaHold.Free : await quotas.HoldAsync(ownerId, cancellationToken))
        {
            if (hold.Refusal is { } overQuotaNow)
            {
                // Another submit of the same person took the last song of the day while this one checked its reference.
                return new SubmitResult(null, [overQuotaNow]);
            }

            db.Generations.Add(generation);
            try
            {
                // Written before the upstream call so a crash mid-submit leaves a trace, never a lost song.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (idempotencyKey is not null)
            {
                // A simultaneous repeat won the unique index: it owns the submit, this call reports its song.
                if (await FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken) is { } concurrent)
                {
                    return new SubmitResult(concurrent, []);
                }

                throw;
            }
        }

        notifier.Publish(new(generation.Id, generation.Status));

        try
        {
            // Not the caller's token: once sent, a submit must run to its answer so the id is kept.
            var answer = await upstream.SubmitAsync(
                new SubmitGenerationRequest(apiOptions.Value.Model, generation.Lyrics, generation.ReferenceAudioUrl),
                CancellationToken.None);
            var accepted = time.GetUtcNow().UtcDateTime;
            generation.UpstreamId = answer.Id;
            generation.Status = GenerationStatus.Queued;
            generation.SubmittedAtUtc = accepted;
            generation.NextPollAtUtc = PollSchedule.FirstPoll(pollingOptions.Value, accepted);
            logger.LogInformation("Generation {GenerationId} accepted upstream as {UpstreamId}", generation.Id, answer.Id);
            metrics.Submitted();
        }
        catch (Exception ex)
        {
            var failure = UpstreamFailure.From(ex);
            logger.LogWarning("Generation {GenerationId} was not accepted upstream: {FailureName} {FailureMessage}",
                generation.Id, failure.Name, failure.Message);
            // A timeout after sending is the one case where the vendor may have accepted (and charged) the song:
            // say so, and never re-send it.
            var message = failure.Name == "Timeout"
                ? "The AIML service did not answer the submit in time. It may still have created (and charged) this song without "
                  + "sending us its id; it was not sent again, so you never pay twice. Check the AIML dashboard before retrying."
                : failure.Message;
            generation.Fail(failure.Name, message, time.GetUtcNow().UtcDateTime);
            metrics.Finished(GenerationStatus.Failed);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        notifier.Publish(new(generation.Id, generation.Status));
        if (generation.Status == GenerationStatus.Queued)
        {
            pollerSignal.Wake();
        }

        return new SubmitResult(generation.Id, []);
    }

    public async Task<Generation?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Generations.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
    }

    private async Task<Guid?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Generations.AsNoTracking()
            .Where(g => g.IdempotencyKey == key)
            .Select(g => (Guid?)g.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
