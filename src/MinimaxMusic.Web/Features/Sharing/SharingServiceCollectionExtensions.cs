using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Sharing;

internal static class SharingServiceCollectionExtensions
{
    /// <summary>
    /// Share links: the service behind the dialog and the list (for someone signed in), the token-only reader behind
    /// <c>/s/{token}</c>, and their absolute URLs. Relies on AddPersistence and AddAccounts. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddAppOptions();
        services.TryAddSingleton<PublicAddress>();
        services.TryAddScoped<ShareService>();
        services.TryAddSingleton<SharedSongs>();
        return services;
    }
}
