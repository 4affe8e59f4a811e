using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Accounts;

internal static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Identity on the app's SQLite database, cookie sign-in, "signed in" as the rule for every endpoint, and
    /// <see cref="CurrentUser"/> for the services that act for a person. Relies on AddPersistence. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        // Identity, its cookie and the authorization policies cannot be added twice: the whole feature is added once.
        if (services.Has<AccountService>())
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = AccountPaths.Login;
            cookie.AccessDeniedPath = AccountPaths.AccessDenied;
            cookie.Cookie.Name = "minimaxmusic.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            // Machines (the API, audio fetches) get a status code, people get the sign-in page.
            cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });

        // One antiforgery cookie for the whole host, also under a path base: two same-named cookies with different
        // paths (one set before the base was applied) made sign-in forms fail validation.
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.Path = "/");

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, TeamAuthenticationStateProvider>();
        services.AddAccountFormLimits();
        services.AddSingleton<SetupState>();
        services.AddScoped<AccountService>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        return services;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        // Before anything else: a flood of form posts is turned away before Identity hashes a single password.
        app.UseRateLimiter();
        app.UseAuthentication();
        // Before authorization: with no admin yet there is nobody to sign in as, so everyone goes to /setup.
        app.UseMiddleware<SetupGateMiddleware>();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        // A form post with its antiforgery token: a link or an image elsewhere cannot sign people out.
        app.MapPost(AccountPaths.Logout, async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                // A forged post (or a page left open past its token's life) signs nobody out.
                return Results.Text("This sign-out form has expired. Reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect($"~{AccountPaths.Login}");
        }).DisableAntiforgery();
        return app;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (MachinePaths.IsMachine(path))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
