using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MinimaxMusic.Web.Features.Create;

internal static class CreateServiceCollectionExtensions
{
    /// <summary>What the Create page keeps of its own: the writer's draft in the browser. Safe to call more than once.</summary>
    public static IServiceCollection AddCreate(this IServiceCollection services)
    {
        // Interactive Server rendering registers it too; named here so the page's needs are in one place.
        services.TryAddScoped<ProtectedLocalStorage>();
        services.TryAddScoped<LyricsDraftStore>();
        return services;
    }
}
