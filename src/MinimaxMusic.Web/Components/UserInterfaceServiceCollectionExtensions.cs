using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Hosting;
using MudBlazor.Services;

namespace MinimaxMusic.Web.Components;

internal static class UserInterfaceServiceCollectionExtensions
{
    /// <summary>
    /// What the pages share: MudBlazor, the clipboard and public links. The renderer itself is the host's
    /// (<see cref="WebHostExtensions.AddInteractiveServerRendering"/>; bUnit in component tests). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddUserInterface(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddAppOptions();
        services.TryAddSingleton<PublicAddress>();
        services.TryAddScoped<Clipboard>();
        return services;
    }
}
