using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Accounts;

internal static class MembersServiceCollectionExtensions
{
    /// <summary>
    /// Invites and member management; a disabled account's cookie stops working within a minute. Relies on AddAccounts.
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        // Configure adds another configuration each time it is called: the whole feature is added once.
        if (services.Has<MemberService>())
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddAppOptions();
        services.TryAddSingleton<PublicAddress>();
        services.AddScoped<MemberService>();
        // Disabling a member changes their security stamp; Identity re-checks the stamp of a cookie this often.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        return services;
    }
}
