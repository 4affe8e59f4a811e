using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MinimaxMusic.Web.Features.History;

internal static class HistoryServiceCollectionExtensions
{
    /// <summary>The team's song history and the edits people make afterwards. Relies on AddGenerations. Safe to call more than once.</summary>
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.TryAddScoped<HistoryService>();
        return services;
    }
}
