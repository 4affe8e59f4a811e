using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Accounts;

internal static class ApiTokensServiceCollectionExtensions
{
    private const string CookieOrToken = "Smart";

    /// <summary>
    /// Personal API tokens next to the sign-in cookie: a request to <c>/api</c> or <c>/media</c> with
    /// <c>Authorization: Bearer mmw_…</c> is signed in by its token, everything else by the cookie. Call after AddAccounts
    /// (Identity's schemes). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddApiTokens(this IServiceCollection services)
    {
        // An authentication scheme cannot be added twice: the whole feature is added once.
        if (services.Has<ApiTokenService>())
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ApiTokenService>();
        services.AddAuthentication(options =>
            {
                options.DefaultAuthenticateScheme = CookieOrToken;
                options.DefaultChallengeScheme = CookieOrToken;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokens.Scheme, null)
            .AddPolicyScheme(CookieOrToken, "Sign-in cookie or API token", options =>
                options.ForwardDefaultSelector = context => UsesApiToken(context) ? ApiTokens.Scheme : IdentityConstants.ApplicationScheme);
        return services;
    }

    // Pages and their form posts stay cookie-only: a token is for scripts, and page forms check antiforgery against the cookie user.
    private static bool UsesApiToken(HttpContext context) =>
        MachinePaths.IsApiOrMedia(context.Request.Path)
        && ApiTokens.TryRead(context.Request, out _);
}
