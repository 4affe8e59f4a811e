using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.Spending;

/// <summary>One person's spending this UTC month against Quotas:UsdPerUserPerMonth.</summary>
/// <param name="Spent">What the vendor said the person's songs cost, plus the typical price of those it has not said yet.</param>
/// <param name="Estimated">The part of <paramref name="Spent"/> that is typical prices, not the vendor's figures.</param>
/// <param name="EstimatedSongs">How many songs <paramref name="Estimated"/> stands for (most still being made).</param>
/// <param name="Budget">The monthly budget; null when there is none.</param>
internal sealed record BudgetUsage(decimal Spent, decimal Estimated, int EstimatedSongs, decimal? Budget, UtcMonth Month)
{
    public bool IsExhausted => Budget is { } budget && Spent >= budget;

    /// <summary>"$1.20 of $5.00 this month" (or "$1.20 this month" without a budget).</summary>
    public string Display => Budget is { } budget
        ? $"{Dollars.Format(Spent)} of {Dollars.Format(budget)} this month"
        : $"{Dollars.Format(Spent)} this month";
}

/// <summary>
/// The per-person monthly dollar budget (Quotas:UsdPerUserPerMonth, off by default). A person's spending is the
/// <c>usd_spent</c> the vendor reported for their songs this UTC month, plus, for songs whose cost it has not reported
/// (most are still being made), the model's typical price (<see cref="MusicModel.TypicalUsd"/>): a song in flight is
/// held against the budget before its bill arrives. Failed songs without a reported cost count nothing ("failed
/// requests are never charged"); songs refused before the vendor accepted them never count.
/// </summary>
internal sealed class BudgetService(IDbContextFactory<AppDbContext> dbFactory, IOptions<QuotaOptions> options, TimeProvider time)
{
    /// <summary>Whether Quotas:UsdPerUserPerMonth sets a budget: without one there is nothing to enforce or show.</summary>
    public bool IsEnabled => options.Value.Budget is not null;

    public async Task<BudgetUsage> UsageAsync(string userId, CancellationToken cancellationToken = default)
    {
        var month = UtcMonth.Of(time);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // UsdSpent is a TEXT decimal in SQLite, which cannot sum it: one month of one person's songs, three columns, summed here.
        var songs = await db.Generations.AsNoTracking()
            .Where(g => g.OwnerId == userId && g.CreatedAtUtc >= month.Start && g.CreatedAtUtc < month.End)
            .Where(g => g.UpstreamId != null || g.Status == GenerationStatus.Submitting)
            .Select(g => new { g.Model, g.Status, g.UsdSpent })
            .ToListAsync(cancellationToken);

        decimal known = 0, estimated = 0;
        var estimatedSongs = 0;
        foreach (var song in songs)
        {
            if (song.UsdSpent is { } usd)
            {
                known += usd;
            }
            else if (song.Status != GenerationStatus.Failed)
            {
                estimated += TypicalUsd(song.Model);
                estimatedSongs++;
            }
        }

        return new BudgetUsage(known + estimated, estimated, estimatedSongs, options.Value.Budget, month);
    }

    /// <summary>
    /// Null when the person may spend on another song of <paramref name="model"/> (its typical price must fit in what is
    /// left; without a model, anything left will do); otherwise the reason, for a person to read.
    /// </summary>
    public async Task<string?> CheckAsync(string userId, MusicModel? model, CancellationToken cancellationToken = default)
    {
        if (options.Value.Budget is not { } budget)
        {
            return null;
        }

        var usage = await UsageAsync(userId, cancellationToken);
        var price = model?.TypicalUsd ?? 0m;
        if (usage.Spent + price <= budget && !usage.IsExhausted)
        {
            return null;
        }

        var spent = $"You have spent {Dollars.Format(usage.Spent)} of your {Dollars.Format(budget)} budget this month";
        var song = usage.IsExhausted || model is null ? "" : $", and a {model.Id} song costs about {Dollars.Format(price)}";
        return $"{spent}{song}; it resets on {usage.Month.ResetsOn}.";
    }

    /// <summary>A model's typical price; a model this app no longer knows counts as the dearest it knows.</summary>
    private static decimal TypicalUsd(string modelId) =>
        ModelCatalog.Find(modelId)?.TypicalUsd ?? ModelCatalog.All.Max(m => m.TypicalUsd);
}
