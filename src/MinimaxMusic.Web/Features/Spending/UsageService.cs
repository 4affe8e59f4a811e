using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.Spending;

/// <summary>What one day, member or model spent in a month.</summary>
/// <param name="Usd">The dollars the vendor reported for these songs.</param>
/// <param name="Songs">Songs made (accepted by the vendor, or still being sent).</param>
/// <param name="UnknownCost">Songs among <paramref name="Songs"/> whose cost the vendor has not reported: not in <paramref name="Usd"/>.</param>
public sealed record UsageRow(string Label, decimal Usd, int Songs, int UnknownCost)
{
    // Exact, like each song's charge: the sum of $0.195 and $0.10 reads $0.295, so the page adds up against the songs.
    public string UsdDisplay => Dollars.Charged(Usd);
}

/// <summary>One UTC month of the team's spending, for the admins' Usage page.</summary>
internal sealed record UsageReport(
    UtcMonth Month,
    UsageRow Total,
    IReadOnlyList<UsageRow> ByDay,
    IReadOnlyList<UsageRow> ByMember,
    IReadOnlyList<UsageRow> ByModel,
    IReadOnlyList<UtcMonth> Months);

/// <summary>
/// The team's spending by day, member and model, from what the vendor reported for each song (<c>usd_spent</c>).
/// Songs count when the vendor accepted them or they are still being sent (as for the daily quota); a song whose
/// cost was not reported is counted and said, never shown as $0 — a failed song counts $0 only when the vendor said so.
/// For admins only: anyone else gets nothing.
/// </summary>
internal sealed class UsageService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const string NoAccount = "No account (made before accounts, or by a removed member)";

    /// <summary>How far back the month picker goes.</summary>
    private const int MonthsOffered = 36;

    /// <summary>The report for <paramref name="month"/> (this month when null); null for anyone but an admin.</summary>
    public async Task<UsageReport?> MonthAsync(UtcMonth? month = null, CancellationToken cancellationToken = default)
    {
        if ((await currentUser.PersonAsync())?.IsAdmin != true)
        {
            return null;
        }

        var now = UtcMonth.Of(time);
        // The future has no spending yet: a month ahead shows this one.
        var shown = month is { } asked && asked.Start <= now.Start ? asked : now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // UsdSpent is a TEXT decimal in SQLite, which cannot sum it exactly: one month's songs, four columns, summed here.
        var songs = await db.Generations.AsNoTracking()
            .Where(g => g.CreatedAtUtc >= shown.Start && g.CreatedAtUtc < shown.End)
            .Where(g => g.UpstreamId != null || g.Status == GenerationStatus.Submitting)
            .Select(g => new Song(g.Model, g.OwnerId, g.CreatedAtUtc, g.UsdSpent))
            .ToListAsync(cancellationToken);

        var ownerIds = songs.Select(s => s.OwnerId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking()
            .Where(u => ownerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);
        var first = await db.Generations.AsNoTracking().MinAsync(g => (DateTime?)g.CreatedAtUtc, cancellationToken);

        var byDay = Enumerable.Range(1, shown.Days)
            .Select(day => Row(day.ToString(System.Globalization.CultureInfo.InvariantCulture), songs.Where(s => s.CreatedAtUtc.Day == day)))
            .ToList();
        var byMember = songs.GroupBy(s => s.OwnerId is { } id ? names.GetValueOrDefault(id, NoAccount) : NoAccount)
            .Select(g => Row(g.Key, g)).OrderByDescending(r => r.Usd).ThenByDescending(r => r.Songs).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
        var byModel = songs.GroupBy(s => s.Model)
            .Select(g => Row(g.Key, g)).OrderByDescending(r => r.Usd).ThenByDescending(r => r.Songs).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
        return new UsageReport(shown, Row("Total", songs), byDay, byMember, byModel, MonthsSince(first, now, shown));
    }

    private static UsageRow Row(string label, IEnumerable<Song> songs)
    {
        decimal usd = 0;
        int count = 0, unknown = 0;
        foreach (var song in songs)
        {
            count++;
            if (song.UsdSpent is { } spent)
            {
                usd += spent;
            }
            else
            {
                unknown++;
            }
        }

        return new UsageRow(label, usd, count, unknown);
    }

    /// <summary>The months to pick from, newest first: from the first song's (at most three years back) to this one.</summary>
    private static List<UtcMonth> MonthsSince(DateTime? firstSongUtc, UtcMonth now, UtcMonth shown)
    {
        var months = new List<UtcMonth>();
        var oldest = firstSongUtc is { } first ? UtcMonth.Of(first) : now;
        for (var month = now; months.Count < MonthsOffered && month.Start >= oldest.Start; month = month.Previous)
        {
            months.Add(month);
        }

        if (!months.Contains(shown))
        {
            months.Add(shown);
        }

        return months;
    }

    private sealed record Song(string Model, string? OwnerId, DateTime CreatedAtUtc, decimal? UsdSpent);
}
