using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Spending;

internal static class SpendingServiceCollectionExtensions
{
    /// <summary>
    /// Spending the team controls: the per-person daily quota and monthly budget, the team's usage for admins and the
    /// AIML balance. Relies on AddPersistence, AddAccounts and AddUpstreamClient. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSpending(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<QuotaOptions>(QuotaOptions.SectionName);
        services.AddMemoryCache();
        services.TryAddSingleton<QuotaGate>();
        services.TryAddScoped<BudgetService>();
        services.TryAddScoped<QuotaService>();
        services.TryAddScoped<UsageService>();
        services.TryAddScoped<BillingService>();
        return services;
    }
}
