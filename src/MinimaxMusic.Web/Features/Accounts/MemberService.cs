using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>One account as the members page shows it.</summary>
internal sealed record MemberSummary(string Id, string Email, string Role, bool IsDisabled, DateTime CreatedAtUtc, bool IsLockedOut);

/// <summary>An invite not used yet (the token itself is never stored, so it cannot be shown again).</summary>
internal sealed record PendingInvite(Guid Id, string Role, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, bool IsExpired);

/// <summary>A new invite: <see cref="Link"/> is the only time the link exists outside the admin's hands.</summary>
internal sealed record InviteCreateResult(string? Link, string? Error = null)
{
    public bool Succeeded => Link is not null;
}

/// <summary>
/// Inviting people, listing members, changing roles and disabling accounts: admins only, and nobody is refused.
/// Getting in (checking and accepting an invite, registering) is for people who are not signed in yet. This service
/// lives as long as the members page's circuit, so every operation opens its own scope: its own database context and
/// UserManager, reading accounts as they are now (another admin may have changed them; the last-admin rule depends on it).
/// </summary>
internal sealed class MemberService(
    IServiceScopeFactory scopes,
    CurrentUser current,
    TimeProvider time)
{
    public const string LastAdminMessage =
        "This is the last active admin. Make another member an admin first, so someone can still run the workspace.";

    private const string AdminsOnly = "Only admins manage members.";

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<MemberSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync())
        {
            return [];
        }

        await using var work = Begin();
        var db = work.Db;
        var roles = await (
                from ur in db.UserRoles.AsNoTracking()
                join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var accounts = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. accounts
            .Select(u => new MemberSummary(
                u.Id,
                u.Email ?? u.UserName ?? u.Id,
                roles.Any(r => r.UserId == u.Id && r.Name == AccountRoles.Admin) ? AccountRoles.Admin : AccountRoles.Member,
                u.IsDisabled,
                u.CreatedAtUtc,
                !u.IsDisabled && u.LockoutEnabled && u.LockoutEnd > now))
            .OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Makes a single-use invite that expires in <see cref="Invite.Lifetime"/>; the link is returned once.</summary>
    public async Task<InviteCreateResult> CreateInviteAsync(string? role, CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync())
        {
            return new InviteCreateResult(null, AdminsOnly);
        }

        if (!AccountRoles.All.Contains(role))
        {
            return new InviteCreateResult(null, $"Choose a role: {string.Join(" or ", AccountRoles.All)}.");
        }

        var token = InviteTokens.Generate();
        var now = Now();
        await using var work = Begin();
        var db = work.Db;
        db.Invites.Add(new Invite
        {
            Id = Guid.CreateVersion7(),
            TokenHash = InviteTokens.Hash(token),
            Role = role!,
            CreatedByUserId = await current.IdAsync(),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + Invite.Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        // Relative: the page makes it absolute with the public address (or the one the admin is browsing at).
        return new InviteCreateResult(InviteTokens.PagePath(token));
    }

    /// <summary>Invites not used yet, newest first (expired ones too, so they can be cleaned up).</summary>
    public async Task<IReadOnlyList<PendingInvite>> ListInvitesAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync())
        {
            return [];
        }

        var now = Now();
        await using var work = Begin();
        var invites = await work.Db.Invites.AsNoTracking().Where(i => i.UsedAtUtc == null).ToListAsync(cancellationToken);
        return [.. invites.OrderByDescending(i => i.CreatedAtUtc)
            .Select(i => new PendingInvite(i.Id, i.Role, i.CreatedAtUtc, i.ExpiresAtUtc, i.ExpiresAtUtc <= now))];
    }

    /// <summary>Deletes an unused invite, so its link stops working; false when it is unknown or already used.</summary>
    public async Task<bool> RevokeInviteAsync(Guid inviteId, CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync())
        {
            return false;
        }

        await using var work = Begin();
        return await work.Db.Invites.Where(i => i.Id == inviteId && i.UsedAtUtc == null).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>Null when it worked, else what to tell the admin.</summary>
    public async Task<string?> SetRoleAsync(string userId, string? role)
    {
        if (!await MayManageAsync())
        {
            return AdminsOnly;
        }

        if (!AccountRoles.All.Contains(role))
        {
            return $"Choose a role: {string.Join(" or ", AccountRoles.All)}.";
        }

        await using var work = Begin();
        var users = work.Users;
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "This account no longer exists.";
        }

        var isAdmin = await users.IsInRoleAsync(user, AccountRoles.Admin);
        if (isAdmin == (role == AccountRoles.Admin))
        {
            return null;
        }

        if (isAdmin && !user.IsDisabled && await ActiveAdminCountAsync(users) <= 1)
        {
            return LastAdminMessage;
        }

        var result = await users.RemoveFromRolesAsync(user, [.. (await users.GetRolesAsync(user)).Where(r => AccountRoles.All.Contains(r))]);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role!);
        }

        // The person's cookie picks up the new role when Identity next re-checks it (within a minute).
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
    }

    /// <summary>
    /// Disables (or enables) an account. A disabled account cannot sign in, its API tokens are refused, and its
    /// sign-in cookies stop working within Identity's validation interval. Null when it worked, else the reason.
    /// </summary>
    public async Task<string?> SetDisabledAsync(string userId, bool disabled)
    {
        if (!await MayManageAsync())
        {
            return AdminsOnly;
        }

        await using var work = Begin();
        var users = work.Users;
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "This account no longer exists.";
        }

        if (user.IsDisabled == disabled)
        {
            return null;
        }

        if (disabled && await users.IsInRoleAsync(user, AccountRoles.Admin) && await ActiveAdminCountAsync(users) <= 1)
        {
            return LastAdminMessage;
        }

        user.IsDisabled = disabled;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        // One save: a new security stamp (which ends the person's cookies and open pages) saves the rest with it.
        var result = disabled ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);

        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
    }

    /// <summary>
    /// What an invite link is: null when it can be used, else what to tell the person holding it.
    /// </summary>
    public async Task<string?> CheckInviteAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var work = Begin();
        var invite = await FindInviteAsync(work.Db, token, cancellationToken);
        return Problem(invite);
    }

    /// <summary>
    /// Creates the account with the invite's role and uses up the invite, in one transaction. The new account, or null
    /// and what to tell the person.
    /// </summary>
    public async Task<(AppUser? User, IReadOnlyList<string> Errors)> AcceptInviteAsync(string? token, string? email, string? password, CancellationToken cancellationToken = default)
    {
        // One scope: the account and the used-up invite are written by the same context, in one transaction.
        await using var work = Begin();
        var db = work.Db;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invite = await FindInviteAsync(db, token, cancellationToken);
        if (Problem(invite) is { } problem)
        {
            return (null, [problem]);
        }

        var (user, errors) = await work.Users.CreateAccountAsync(email, password, invite!.Role, Now());
        if (user is null)
        {
            return (null, errors);
        }

        var now = Now();
        var claimed = await db.Invites.Where(i => i.Id == invite.Id && i.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAtUtc, now).SetProperty(i => i.UsedByUserId, user.Id), cancellationToken);
        if (claimed != 1)
        {
            return (null, [UsedMessage]);
        }

        await transaction.CommitAsync(cancellationToken);
        return (user, []);
    }

    public const string RegistrationClosedMessage =
        "Registration is closed on this workspace. Ask an admin of this workspace for an invite link.";

    /// <summary>Whether anyone may create a Member account at /register (an admin's choice; off by default).</summary>
    public async Task<bool> IsRegistrationOpenAsync(CancellationToken cancellationToken = default)
    {
        await using var work = Begin();
        return await IsRegistrationOpenAsync(work.Db, cancellationToken);
    }

    private static Task<bool> IsRegistrationOpenAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.WorkspaceSettings.AsNoTracking().Where(s => s.Id == WorkspaceSettings.SingletonId)
            .Select(s => s.OpenRegistration).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Opens or closes /register. Null when it worked, else what to tell the person.</summary>
    public async Task<string?> SetOpenRegistrationAsync(bool open, CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync())
        {
            return AdminsOnly;
        }

        var by = await current.IdAsync();
        var now = Now();
        await using var work = Begin();
        await work.Db.WorkspaceSettings.Where(s => s.Id == WorkspaceSettings.SingletonId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.OpenRegistration, open)
            .SetProperty(x => x.UpdatedAtUtc, now)
            .SetProperty(x => x.UpdatedByUserId, by), cancellationToken);
        return null;
    }

    /// <summary>
    /// Creates a Member account while registration is open (checked again inside the transaction, so an admin closing
    /// it wins over a form opened earlier). The new account, or null and what to tell the person.
    /// </summary>
    public async Task<(AppUser? User, IReadOnlyList<string> Errors)> RegisterAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        await using var work = Begin();
        await using var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken);
        if (!await IsRegistrationOpenAsync(work.Db, cancellationToken))
        {
            return (null, [RegistrationClosedMessage]);
        }

        var (user, errors) = await work.Users.CreateAccountAsync(email, password, AccountRoles.Member, Now());
        if (user is null)
        {
            return (null, errors);
        }

        await transaction.CommitAsync(cancellationToken);
        return (user, []);
    }

    private const string UsedMessage = "This invite link has already been used. Ask an admin of this workspace for a new one.";

    private string? Problem(Invite? invite) => invite switch
    {
        null => "This invite link is not valid. It may have been revoked or mistyped; ask an admin of this workspace for a new one.",
        { UsedAtUtc: not null } => UsedMessage,
        _ when invite.ExpiresAtUtc <= Now() => "This invite link has expired. Ask an admin of this workspace for a new one.",
        _ => null,
    };

    private static async Task<Invite?> FindInviteAsync(AppDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: > 0 and <= 100 })
        {
            return null;
        }

        var hash = InviteTokens.Hash(token);
        return await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    private static async Task<int> ActiveAdminCountAsync(UserManager<AppUser> users)
    {
        var admins = await users.GetUsersInRoleAsync(AccountRoles.Admin);
        return admins.Count(a => !a.IsDisabled);
    }

    /// <summary>Admins manage members; nobody does.</summary>
    private async Task<bool> MayManageAsync() => (await current.PersonAsync())?.IsAdmin == true;

    /// <summary>One operation's scope: a fresh database context and the UserManager that writes through it.</summary>
    private Work Begin() => new(scopes.CreateAsyncScope());

    private sealed class Work(AsyncServiceScope scope) : IAsyncDisposable
    {
        public AppDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        public UserManager<AppUser> Users { get; } = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
