using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.References;

internal static class ReferenceServiceCollectionExtensions
{
    /// <summary>The reference track probe with its options, cache and the guarded client. Safe to call more than once.</summary>
    public static IServiceCollection AddReferenceChecks(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ReferenceProbe)))
        {
            return services;
        }

        services.AddGuardedHttp();
        services.AddOptions<ReferenceOptions>()
            .BindConfiguration(ReferenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<ReferenceProbe>();
        return services;
    }
}
