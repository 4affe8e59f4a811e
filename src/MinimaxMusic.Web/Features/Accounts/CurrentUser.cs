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

    /// <summary>The person acting, or null for nobody: every service that acts for a person refuses null.</summary>
    public async Task<Person?> PersonAsync() => Person.From(await GetAsync());

    public async Task<string?> IdAsync() => Id(await GetAsync());

    /// <summary>Whether someone is signed in and may change something made by <paramref name="ownerId"/>; nobody may not.</summary>
    public async Task<bool> MayEditAsync(string? ownerId) => (await PersonAsync())?.MayEdit(ownerId) == true;

    public static string? Id(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
