using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Features.Sharing;

internal enum ShareOutcome
{
    Active,
    Revoked,
    Expired,
    NotFound,
}

/// <summary>What a token leads to. <see cref="Share"/> and <see cref="Song"/> are set unless the outcome is NotFound.</summary>
internal sealed record ShareResolution(ShareOutcome Outcome, ShareLink? Share, Generation? Song)
{
    public static readonly ShareResolution NotFound = new(ShareOutcome.NotFound, null, null);

    public bool IsActive => Outcome == ShareOutcome.Active;
}

/// <summary>
/// What anyone holding a share token may do, signed in or not (the share page, its audio, player and oEmbed): read
/// the song the token leads to and count a visit. Everything here is keyed by the token; it cannot list, create,
/// change or revoke anything, and it acts for nobody.
/// </summary>
internal sealed class SharedSongs(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ShareResolution> ResolveAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!ShareTokens.LooksValid(token))
        {
            return ShareResolution.NotFound;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var share = await db.ShareLinks.AsNoTracking()
            .Include(s => s.Generation)
            .FirstOrDefaultAsync(s => s.Token == token, cancellationToken);
        if (share?.Generation is not { Status: GenerationStatus.Completed } song)
        {
            return ShareResolution.NotFound;
        }

        var outcome = share.StateAt(clock.GetUtcNow().UtcDateTime) switch
        {
            ShareState.Revoked => ShareOutcome.Revoked,
            ShareState.Expired => ShareOutcome.Expired,
            _ => ShareOutcome.Active,
        };
        return new ShareResolution(outcome, share, song);
    }

    /// <summary>One more visit of the link with this token, counted in the database so concurrent visits are never lost.</summary>
    public async Task CountVisitAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!ShareTokens.LooksValid(token))
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ShareLinks.Where(s => s.Token == token)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Visits, s => s.Visits + 1), cancellationToken);
    }
}
