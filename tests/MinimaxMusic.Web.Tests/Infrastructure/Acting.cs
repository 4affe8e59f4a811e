using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Accounts;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>
/// Services of a running test app acting for a person, the way a Blazor circuit does: the scope's authentication state
/// holds the principal Identity makes at sign-in (account id, roles). Services refuse nobody, so a test that calls
/// them directly says who it is.
/// </summary>
internal static class Acting
{
    // Two tests acting as the same new person at once must make one account.
    private static readonly SemaphoreSlim Creating = new(1, 1);

    /// <summary>
    /// A scope acting as <paramref name="email"/>, whose account is made with <paramref name="role"/> (and the password
    /// the sign-in forms use) when it does not exist yet. The team admin by default, as <see cref="TeamAccount"/> signs in.
    /// </summary>
    public static AsyncServiceScope ActAs(this IServiceProvider services, string email = TeamAccount.AdminEmail, string role = AccountRoles.Admin)
    {
        var scope = services.CreateAsyncScope();
        var state = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(SignInAsync(services, scope.ServiceProvider, email, role));
        return scope;
    }

    /// <summary>A service of <typeparamref name="T"/> acting as the team admin (its scope lives as long as the app).</summary>
    public static T AsAdmin<T>(this IServiceProvider services) where T : notnull =>
        services.ActAs().ServiceProvider.GetRequiredService<T>();

    private static async Task<AuthenticationState> SignInAsync(IServiceProvider root, IServiceProvider scope, string email, string role)
    {
        var user = await FindOrCreateAsync(root, email, role);
        var principal = await scope.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        return new AuthenticationState(principal);
    }

    private static async Task<AppUser> FindOrCreateAsync(IServiceProvider root, string email, string role)
    {
        await Creating.WaitAsync();
        try
        {
            // Held like /setup holds it, so a browser setting up the first admin and a test acting as it make one account.
            // Inside the try: an app disposed while this waited throws here, and must not keep every later test waiting.
            using var setup = await root.GetRequiredService<SetupState>().LockAsync();
            await using var scope = root.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is { } existing)
            {
                return existing;
            }

            // Before the first admin the roles do not exist yet (setup makes them): made here the same way.
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var name in AccountRoles.All.Where(name => !roles.Roles.Any(r => r.Name == name)))
            {
                await roles.CreateAsync(new IdentityRole(name));
            }

            var password = email == TeamAccount.AdminEmail ? TeamAccount.AdminPassword : TeamMembers.Password;
            var (user, errors) = await users.CreateAccountAsync(email, password, role, DateTime.UtcNow);
            // Someone may have set up the admin through /setup meanwhile.
            return user ?? await users.FindByEmailAsync(email)
                ?? throw new InvalidOperationException($"Could not make the account {email}: {string.Join(" ", errors)}");
        }
        finally
        {
            Creating.Release();
        }
    }
}
