using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.Sharing;

/// <summary>What the owner chose for a link. <paramref name="ExpiresAtUtc"/> null: the link never expires.</summary>
internal sealed record ShareOptions(ShareVisibility Visibility, DateTime? ExpiresAtUtc, bool AllowDownload);

internal sealed record ShareCreateResult(ShareLink? Share, string? Error = null, bool Reused = false)
{
    public bool Succeeded => Share is not null;
}

/// <summary>
/// Creating, listing and revoking share links, for someone signed in (nobody is refused). Opening a link by its token
/// is <see cref="SharedSongs"/>'s. Time only through <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ShareService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, CurrentUser currentUser)
{
    public const string PublicSharingRefused =
        "Only the person who made this song, or an admin, can share it publicly. A Team link works for everyone signed in.";

    private const int MaxTokenAttempts = 3;

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Hands back an active link with exactly these options when the song has one; otherwise makes a new one.</summary>
    public async Task<ShareCreateResult> CreateOrReuseAsync(Guid generationId, ShareOptions options, CancellationToken cancellationToken = default)
    {
        if (await currentUser.PersonAsync() is not { } person)
        {
            return new ShareCreateResult(null, Person.Required);
        }

        var now = UtcNow;
        if (options.ExpiresAtUtc is { } expires && expires <= now)
        {
            return new ShareCreateResult(null, "The expiry must be in the future.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var song = await db.Generations.AsNoTracking()
            .Where(g => g.Id == generationId)
            .Select(g => new { g.Status, g.OwnerId })
            .FirstOrDefaultAsync(cancellationToken);
        if (song is null)
        {
            return new ShareCreateResult(null, "There is no such song; it may have been deleted.");
        }

        if (options.Visibility == ShareVisibility.Public && !person.MayEdit(song.OwnerId))
        {
            return new ShareCreateResult(null, PublicSharingRefused);
        }

        if (song.Status != GenerationStatus.Completed)
        {
            return new ShareCreateResult(null,
                $"Only finished songs can be shared; this one is {song.Status.ToDisplay().ToLowerInvariant()}.");
        }

        var existing = await db.ShareLinks.AsNoTracking()
            .Where(s => s.GenerationId == generationId && s.RevokedAtUtc == null
                && s.Visibility == options.Visibility && s.AllowDownload == options.AllowDownload
                && s.ExpiresAtUtc == options.ExpiresAtUtc
                && (s.ExpiresAtUtc == null || s.ExpiresAtUtc > now))
            .OrderByDescending(s => s.CreatedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return new ShareCreateResult(existing, Reused: true);
        }

        for (var attempt = 1; ; attempt++)
        {
            var share = new ShareLink
            {
                Id = Guid.CreateVersion7(),
                GenerationId = generationId,
                Token = ShareTokens.Create(),
                Visibility = options.Visibility,
                ExpiresAtUtc = options.ExpiresAtUtc,
                AllowDownload = options.AllowDownload,
                CreatedAtUtc = now,
                CreatedByUserId = person.Id,
            };
            db.ShareLinks.Add(share);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ShareCreateResult(share);
            }
            catch (DbUpdateException) when (attempt < MaxTokenAttempts)
            {
                // A 256-bit collision will not happen; a song deleted meanwhile will, and the retry then says so.
                db.Entry(share).State = EntityState.Detached;
                if (!await db.Generations.AnyAsync(g => g.Id == generationId, cancellationToken))
                {
                    return new ShareCreateResult(null, "There is no such song; it may have been deleted.");
                }
            }
        }
    }

    /// <summary>Every link of a song, newest first, revoked and expired ones included; nobody sees none.</summary>
    public async Task<IReadOnlyList<ShareLink>> ListAsync(Guid generationId, CancellationToken cancellationToken = default)
    {
        if (await currentUser.PersonAsync() is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ShareLinks.AsNoTracking()
            .Where(s => s.GenerationId == generationId)
            .OrderByDescending(s => s.CreatedAtUtc)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether the current user may revoke this link: whoever made it, or an admin (nobody may not).</summary>
    public Task<bool> MayRevokeAsync(ShareLink share) => currentUser.MayEditAsync(share.CreatedByUserId);

    /// <summary>
    /// Stops a link for good. False when there is no such link or it is someone else's (a member cannot revoke another
    /// member's link; admins can); revoking twice keeps the first time.
    /// </summary>
    public async Task<bool> RevokeAsync(Guid shareId, CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var share = await db.ShareLinks.FirstOrDefaultAsync(s => s.Id == shareId, cancellationToken);
        if (share is null || !await MayRevokeAsync(share))
        {
            return false;
        }

        share.RevokedAtUtc ??= now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public DateTime Now() => UtcNow;
}
