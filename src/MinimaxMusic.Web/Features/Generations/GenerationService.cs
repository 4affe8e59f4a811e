using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Lyrics;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>One song in another's family tree, and how it relates (for a parent: how the child relates to it).</summary>
internal sealed record SongVersion(Guid Id, string Title, SongOrigin Origin, string Model, GenerationStatus Status, DateTime CreatedAtUtc);

/// <summary>A song's parent, if any, and the songs made from it.</summary>
internal sealed record SongVersions(SongVersion? Parent, IReadOnlyList<SongVersion> Children)
{
    public static SongVersions None { get; } = new(null, []);

    public bool IsEmpty => Parent is null && Children.Count == 0;
}

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
    SubmitsInFlight inFlight,
    TimeProvider time,
    ILogger<GenerationService> logger,
    CurrentUser currentUser,
    QuotaService quotas)
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// Validates, records and submits one song. With an <paramref name="idempotencyKey"/>, a repeat (double click,
    /// re-sent form, retried API call) by the same person returns the song their first call created and never submits again.
    /// </summary>
    public Task<SubmitResult> SubmitAsync(string? lyrics, string? referenceAudioUrl, CancellationToken cancellationToken = default) =>
        SubmitAsync(lyrics, referenceAudioUrl, idempotencyKey: null, cancellationToken);

    /// <summary>A song for the legacy model: lyrics and a reference track, as the app always took them.</summary>
    public Task<SubmitResult> SubmitAsync(
        string? lyrics, string? referenceAudioUrl, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        SubmitAsync(new SongRequest(ModelCatalog.Legacy, Lyrics: lyrics, ReferenceUrl: referenceAudioUrl), idempotencyKey, parent: null,
            cancellationToken);

    /// <summary>
    /// A song for any offered model. Every rule of the model is checked here whatever the page or client checked:
    /// invalid input never reaches the vendor. <paramref name="parent"/> records the song it came from.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(
        SongRequest request, string? idempotencyKey, SongParent? parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
        {
            return new SubmitResult(null, [$"The idempotency key is longer than {MaxIdempotencyKeyLength} characters."]);
        }

        // A song is made by someone: nobody is refused before anything is looked up, recorded or sent.
        if (await currentUser.IdAsync() is not { } ownerId)
        {
            return new SubmitResult(null, [Person.Required]);
        }

        if (idempotencyKey is not null && await FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken) is { } earlier)
        {
            return new SubmitResult(earlier, []);
        }

        if (Offered(request.ModelId) is not { } model)
        {
            return new SubmitResult(null, [UnknownModel(request.ModelId)]);
        }

        var errors = ModelRules.Validate(model, request);
        if (errors.Count > 0)
        {
            return new SubmitResult(null, errors);
        }

        if (parent is not null && !await ExistsAsync(parent.SongId, cancellationToken))
        {
            return new SubmitResult(null, ["The song this one comes from no longer exists."]);
        }

        // The daily quota and the monthly budget (Quotas:SongsPerUserPerDay, Quotas:UsdPerUserPerMonth): refused before
        // anything is fetched, recorded or sent (and checked again, atomically with the insert, below).
        if (await quotas.CheckAsync(ownerId, model, cancellationToken) is { } overQuota)
        {
            return new SubmitResult(null, [overQuota]);
        }

        // Every credit counts: the reference is fetched and measured here by the model's rules, not by the vendor after paying.
        ReferenceCheck? reference = null;
        if (!string.IsNullOrWhiteSpace(request.ReferenceUrl))
        {
            reference = await references.CheckAsync(request.ReferenceUrl.Trim(), model, cancellationToken);
            if (!reference.IsUsable)
            {
                return new SubmitResult(null, [$"Reference track: {reference.Problem}"]);
            }
        }

        // What the model receives is the normalized text the page previewed (CRLF and non-breaking spaces shown, never silent).
        var normalized = request with
        {
            Lyrics = request.Lyrics is null ? null : LyricsAnalyzer.Analyze(request.Lyrics).Prompt,
            ReferenceUrl = reference?.Url,
        };

        var now = time.GetUtcNow().UtcDateTime;
        var generation = Generation.Create(Guid.CreateVersion7(time.GetUtcNow()), normalized, ownerId, idempotencyKey,
            now, lookUpAtUtc: now + pollingOptions.Value.StaleSubmitAge, reference?.HostedFileName, parent);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        using (var hold = await quotas.HoldAsync(ownerId, model, cancellationToken))
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

        // While this call waits for the vendor's answer, nobody else decides what became of the song.
        using (inFlight.Enter(generation.Id))
        {
            await SendAsync(generation);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        notifier.Publish(new(generation.Id, generation.Status));
        if (generation.Status is GenerationStatus.Queued or GenerationStatus.Submitting)
        {
            pollerSignal.Wake();
        }

        return new SubmitResult(generation.Id, []);
    }

    /// <summary>
    /// Sends the song once, with its own id as the vendor's client request id, and records the answer. When the answer is
    /// lost after sending, the song stays Submitting and is looked up in the vendor's request log instead of being guessed.
    /// </summary>
    private async Task SendAsync(Generation generation)
    {
        try
        {
            // Not the caller's token: once sent, a submit must run to its answer so the id is kept.
            var answer = await upstream.SubmitAsync(
                await BodyAsync(generation),
                generation.ClientRequestId,
                CancellationToken.None).ToOutcomeAsync();
            var accepted = time.GetUtcNow().UtcDateTime;
            generation.Accept(answer.Id, accepted, PollSchedule.FirstPoll(pollingOptions.Value, accepted),
                new SubmitCharge(answer.CreditsUsed, answer.UsdSpent));
            logger.LogInformation("Generation {GenerationId} accepted upstream as {UpstreamId}", generation.Id, answer.Id);
            metrics.Submitted();
        }
        catch (Exception ex)
        {
            var failure = UpstreamFailure.From(ex);
            if (failure.SubmitMayHaveArrived)
            {
                logger.LogWarning("Generation {GenerationId}: the submit's answer was lost ({FailureName}); looking it up in the request log",
                    generation.Id, failure.Name);
                generation.Interrupt(
                    "The AIML service's answer to the submit was lost; the app is looking the song up in the service's request log.",
                    time.GetUtcNow().UtcDateTime);
                return;
            }

            logger.LogWarning("Generation {GenerationId} was not accepted upstream: {FailureName} {FailureMessage}",
                generation.Id, failure.Name, failure.Message);
            generation.Fail(failure.Name, failure.Message, time.GetUtcNow().UtcDateTime);
            metrics.Finished(GenerationStatus.Failed);
        }
    }

    /// <summary>
    /// The vendor's body for the song, by its model's rules. A model that takes the reference as data (the cover model)
    /// gets our own hosted file inline, so a cover of our song or an upload needs no public address.
    /// </summary>
    private async Task<System.Text.Json.Nodes.JsonObject> BodyAsync(Generation generation)
    {
        var model = ModelCatalog.Find(generation.Model)
            ?? throw new InvalidOperationException($"Song {generation.Id} names the unknown model '{generation.Model}'.");
        var body = ModelRules.Body(model, generation.Request);
        if (model.Reference.AcceptsData && generation.ReferenceFileName is { } hosted
            && await references.HostedAsDataUriAsync(hosted, model.Reference.MaxBytes, CancellationToken.None) is { } data)
        {
            body["reference_audio_url"] = data;
        }

        return body;
    }

    /// <summary>The offered model with this id, or null (unknown, or not offered here).</summary>
    public MusicModel? Offered(string? modelId) => apiOptions.Value.OfferedModels.FirstOrDefault(m => m.Id == modelId);

    /// <summary>Why a model id cannot be used, naming the ones that can.</summary>
    public string UnknownModel(string? modelId) =>
        $"{(string.IsNullOrWhiteSpace(modelId) ? "No model was named" : $"The model '{modelId}' is not offered here")}; " +
        $"use one of {string.Join(", ", apiOptions.Value.OfferedModels.Select(m => m.Id))}.";

    private async Task<bool> ExistsAsync(Guid songId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Generations.AnyAsync(g => g.Id == songId, cancellationToken);
    }

    /// <summary>A song of the team's, for someone signed in; nobody gets nothing.</summary>
    public async Task<Generation?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await currentUser.IdAsync() is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Generations.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
    }

    /// <summary>
    /// Where a song came from and what came from it: its parent (a cover of it, or generated again from it) and its
    /// children, oldest first. Empty for someone not signed in.
    /// </summary>
    public async Task<SongVersions> GetVersionsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await currentUser.IdAsync() is null)
        {
            return SongVersions.None;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var song = await db.Generations.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new { g.ParentId, g.Origin }).FirstOrDefaultAsync(cancellationToken);
        if (song is null)
        {
            return SongVersions.None;
        }

        var parent = song.ParentId is { } parentId
            ? await db.Generations.AsNoTracking().Where(g => g.Id == parentId)
                .Select(g => new SongVersion(g.Id, g.Title, song.Origin, g.Model, g.Status, g.CreatedAtUtc))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        var children = await db.Generations.AsNoTracking().Where(g => g.ParentId == id)
            .OrderBy(g => g.CreatedAtUtc)
            .Select(g => new SongVersion(g.Id, g.Title, g.Origin, g.Model, g.Status, g.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return new SongVersions(parent, children);
    }

    /// <summary>The song the acting person made with <paramref name="key"/>: another member's key is not theirs to reuse.</summary>
    private async Task<Guid?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken)
    {
        var ownerId = currentUser is null ? null : await currentUser.IdAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Generations.AsNoTracking()
            .Where(g => g.IdempotencyKey == key && g.OwnerId == ownerId)
            .Select(g => (Guid?)g.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
