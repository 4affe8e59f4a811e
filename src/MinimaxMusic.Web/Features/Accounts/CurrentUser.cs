using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>
/// Who is acting: the signed-in user of a Blazor circuit or of an HTTP request (API). Services ask this rather than
/// taking a user id from callers, so a page cannot act in someone else's name.
/// </summary>
internal sealed class CurrentUser(IServiceProvider services, IHttpContextAccessor http)
{
    public async Task<ClaimsPrincipal> GetAsync()
    {
        // In a circuit (or a rendered page) the authentication state is the source; an API request has none, and its
        // user is the request's.
        if (services.GetService<AuthenticationStateProvider>() is { } provider and not TeamAuthenticationStateProvider { HasState: false })
        {
            return (await provider.GetAuthenticationStateAsync()).User;
        }

        return http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
    }

    public async Task<string?> IdAsync() => Id(await GetAsync());

    /// <summary>Whether whoever is acting may change something made by <paramref name="ownerId"/> (see <see cref="MayEdit"/>).</summary>
    public async Task<bool> MayEditAsync(string? ownerId) => MayEdit(await GetAsync(), ownerId);

    /// <summary>Admins manage members; so does trusted code with no signed-in user.</summary>
    public async Task<bool> MayManageMembersAsync()
    {
        var user = await GetAsync();
        return user.Identity?.IsAuthenticated != true || user.IsInRole(AccountRoles.Admin);
    }

    public static string? Id(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>
    /// Members change their own songs and links; admins any (songs from before accounts have no owner: admins only).
    /// Code acting with no signed-in user at all — the poller, maintenance, tests — is trusted: every page and API
    /// endpoint that can change a song requires sign-in, so people never reach a service unauthenticated.
    /// </summary>
    public static bool MayEdit(ClaimsPrincipal user, string? ownerId) =>
        user.Identity?.IsAuthenticated != true
        || user.IsInRole(AccountRoles.Admin)
        || (ownerId is not null && ownerId == Id(user));
}
