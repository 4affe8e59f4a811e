using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>A new token: <see cref="Token"/> is the only time the whole token exists outside its owner's hands.</summary>
internal sealed record ApiTokenCreateResult(string? Token, ApiToken? Entity, string? Error = null)
{
    public bool Succeeded => Token is not null;
}

/// <summary>Making, listing and revoking personal API tokens, and recognising one on a request.</summary>
internal sealed class ApiTokenService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxActivePerUser = 20;

    // Writing on every call would make each API request a database write; a minute is precise enough to spot unused tokens.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public DateTime Now() => clock.GetUtcNow().UtcDateTime;

    public async Task<ApiTokenCreateResult> CreateAsync(string userId, string? name, CancellationToken cancellationToken = default)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return new ApiTokenCreateResult(null, null, "Give the token a name, such as the script or machine that will use it.");
        }

        if (trimmed.Length > ApiToken.MaxNameLength)
        {
            return new ApiTokenCreateResult(null, null,
                $"The name can be at most {ApiToken.MaxNameLength} characters; this one has {trimmed.Length}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAtUtc == null, cancellationToken);
        if (active >= MaxActivePerUser)
        {
            return new ApiTokenCreateResult(null, null,
                $"You can have at most {MaxActivePerUser} active tokens. Revoke one you no longer use first.");
        }

        var token = ApiTokens.Generate();
        var entity = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = trimmed,
            Prefix = token[..ApiTokens.PrefixLength],
            Hash = ApiTokens.Hash(token),
            CreatedAtUtc = Now(),
        };
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new ApiTokenCreateResult(token, entity);
    }

    /// <summary>The user's tokens that still work, newest first.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.RevokedAtUtc == null)
            .OrderByDescending(t => t.CreatedAtUtc)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Revokes one of the user's own tokens; false when it is not theirs, unknown or already revoked.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now();
        var changed = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtUtc, now), cancellationToken);
        return changed == 1;
    }

    /// <summary>The account a token acts for; null when the token is unknown or revoked, or its account is disabled or locked out.</summary>
    public async Task<AppUser?> ValidateAsync(string? rawToken, CancellationToken cancellationToken = default)
    {
        if (rawToken is null || !rawToken.StartsWith(ApiTokens.Marker, StringComparison.Ordinal) || rawToken.Length > 200)
        {
            return null;
        }

        var hash = ApiTokens.Hash(rawToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (
                from t in db.ApiTokens.AsNoTracking()
                join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                where t.Hash == hash && t.RevokedAtUtc == null
                select new { t.Id, t.LastUsedAtUtc, User = u })
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (found is null || found.User.IsDisabled || (found.User.LockoutEnabled && found.User.LockoutEnd > now))
        {
            return null;
        }

        var nowUtc = now.UtcDateTime;
        if (found.LastUsedAtUtc is not { } last || nowUtc - last >= LastUsedPrecision)
        {
            await db.ApiTokens.Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, nowUtc), cancellationToken);
        }

        return found.User;
    }
}
