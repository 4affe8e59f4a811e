using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Lyrics;
using MinimaxMusic.Web.Features.References;
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
    TimeProvider time,
    ILogger<GenerationService> logger)
{
    public async Task<SubmitResult> SubmitAsync(string? lyrics, string? referenceAudioUrl, CancellationToken cancellationToken = default)
    {
        var errors = SubmissionRules.Validate(lyrics, referenceAudioUrl);
        if (errors.Count > 0)
        {
            return new SubmitResult(null, errors);
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
        };

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Generations.Add(generation);
        // Written before the upstream call so a crash mid-submit leaves a trace, never a lost song.
        await db.SaveChangesAsync(cancellationToken);
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
            generation.NextPollAtUtc = accepted + pollingOptions.Value.InitialDelay;
            logger.LogInformation("Generation {GenerationId} accepted upstream as {UpstreamId}", generation.Id, answer.Id);
        }
        catch (Exception ex)
        {
            var failure = UpstreamFailure.From(ex);
            logger.LogWarning("Generation {GenerationId} was not accepted upstream: {FailureName} {FailureMessage}",
                generation.Id, failure.Name, failure.Message);
            generation.Fail(failure.Name, failure.Message, time.GetUtcNow().UtcDateTime);
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

    public async Task<IReadOnlyList<Generation>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Generations.AsNoTracking()
            .OrderByDescending(g => g.CreatedAtUtc)
            .Take(take)
            .ToListAsync(cancellationToken);
    }
}
