using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.Spending;

/// <summary>Today's songs of one person against Quotas:SongsPerUserPerDay.</summary>
/// <param name="Used">Songs the person made today (UTC) that count: accepted upstream, or still being submitted.</param>
/// <param name="Limit">The daily limit; null when there is none.</param>
internal sealed record QuotaUsage(int Used, int? Limit)
{
    public bool IsExhausted => Limit is { } limit && Used >= limit;
}

/// <summary>
/// The per-person limits a submit must pass: the daily song quota and the monthly dollar budget
/// (<see cref="BudgetService"/>). A song counts towards the daily quota when it was created today (UTC) and was accepted
/// by the AIML service (it has an upstream id, whatever happened after) or is still being submitted. Songs refused
/// before the vendor accepted them cost nothing and do not count.
/// </summary>
internal sealed class QuotaService(
    IDbContextFactory<AppDbContext> dbFactory, IOptions<QuotaOptions> options, TimeProvider time, QuotaGate gate, BudgetService budget)
{
    /// <summary>Whether Quotas:SongsPerUserPerDay sets a limit (off by default): without one there is nothing to show.</summary>
    public bool IsEnabled => options.Value.Limit is not null;

    public async Task<QuotaUsage> UsageAsync(string userId, CancellationToken cancellationToken = default)
    {
        var limit = options.Value.Limit;
        var dayStart = time.GetUtcNow().UtcDateTime.Date;
        var dayEnd = dayStart.AddDays(1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var used = await db.Generations.AsNoTracking()
            .Where(g => g.OwnerId == userId && g.CreatedAtUtc >= dayStart && g.CreatedAtUtc < dayEnd)
            .Where(g => g.UpstreamId != null || g.Status == GenerationStatus.Submitting)
            .CountAsync(cancellationToken);
        return new QuotaUsage(used, limit);
    }

    /// <summary>Null when the person may make another song today within their budget; otherwise the reason, for a person to read.</summary>
    public Task<string?> CheckAsync(string userId, CancellationToken cancellationToken = default) =>
        CheckAsync(userId, model: null, cancellationToken);

    /// <summary>
    /// Null when the person may make another song of <paramref name="model"/>: one more today, and its typical price
    /// within this month's budget. Otherwise the reason, for a person to read.
    /// </summary>
    public async Task<string?> CheckAsync(string userId, MusicModel? model, CancellationToken cancellationToken = default)
    {
        if (options.Value.Limit is not null)
        {
            var usage = await UsageAsync(userId, cancellationToken);
            if (usage.IsExhausted)
            {
                return $"You have made {usage.Used} of your {usage.Limit} songs today; the limit resets at 00:00 UTC.";
            }
        }

        return await budget.CheckAsync(userId, model, cancellationToken);
    }

    /// <summary>
    /// Checks the quota and the budget and holds every other quota-checked submit back until the caller has recorded its
    /// song (dispose the hold right after the insert). Two simultaneous submits can then never both take the last song
    /// of the day, or the last dollars of the month. The held part is two small reads and one insert: milliseconds.
    /// </summary>
    public async Task<QuotaHold> HoldAsync(string userId, MusicModel? model, CancellationToken cancellationToken = default)
    {
        if (options.Value.Limit is null && options.Value.Budget is null)
        {
            return QuotaHold.Free;
        }

        await gate.Semaphore.WaitAsync(cancellationToken);
        try
        {
            return new QuotaHold(gate.Semaphore, await CheckAsync(userId, model, cancellationToken));
        }
        catch
        {
            gate.Semaphore.Release();
            throw;
        }
    }
}

/// <summary>The one lock quota-checked submits take between their check and their insert (one app, one SQLite file).</summary>
internal sealed class QuotaGate
{
    public SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>A quota check whose answer stays true until disposed. <see cref="Refusal"/>: why not, or null.</summary>
internal sealed class QuotaHold(SemaphoreSlim? held, string? refusal) : IDisposable
{
    public static readonly QuotaHold Free = new(null, null);

    // Borrowed from the QuotaGate singleton, which owns it: a hold releases it, never disposes it.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213:Disposable fields should be disposed", Justification = "Not owned; released.")]
    private SemaphoreSlim? _held = held;

    public string? Refusal { get; } = refusal;

    public void Dispose() => Interlocked.Exchange(ref _held, null)?.Release();
}
