using System.Security.Claims;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>
/// Someone signed in, as the services that act for a person see them. There is no value for "nobody": a service asks
/// <see cref="CurrentUser.PersonAsync"/> and must handle null, which it refuses. Background work (poller, archiver,
/// sweeper, demo simulator) never acts for a person: it uses the database and the vendor directly.
/// </summary>
internal sealed record Person(string Id, bool IsAdmin)
{
    /// <summary>What a service answers when nobody is signed in.</summary>
    public const string Required = "Nobody is signed in. Sign in and try again.";

    /// <summary>Members change their own songs and links; admins any (songs from before accounts have no owner: admins only).</summary>
    public bool MayEdit(string? ownerId) => IsAdmin || (ownerId is not null && ownerId == Id);

    /// <summary>The person <paramref name="user"/> is, or null when it is nobody (not signed in, or no account id).</summary>
    public static Person? From(ClaimsPrincipal user) =>
        CurrentUser.Id(user) is { } id ? new Person(id, user.IsInRole(AccountRoles.Admin)) : null;
}
