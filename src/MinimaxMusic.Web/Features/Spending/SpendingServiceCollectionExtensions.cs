using MinimaxMusic.Web.Features.Spending;

// In Hosting's namespace, like the other builder steps Program.cs chains without a using.
namespace MinimaxMusic.Web.Hosting;

internal static class SpendingServiceCollectionExtensions
{
    /// <summary>Spending the team controls: the per-person daily quota and the AIML balance for admins.</summary>
    public static WebApplicationBuilder AddSpending(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<QuotaGate>();
        builder.Services.AddScoped<QuotaService>();
        builder.Services.AddScoped<BillingService>();
        return builder;
    }
}
