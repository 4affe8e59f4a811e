using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Hosting;
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
        services.AddMediaProbe();
        services.AddOptions<ReferenceOptions>()
            .BindConfiguration(ReferenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<ReferenceProbe>();
        return services;
    }

    /// <summary>
    /// Saved references, hosted uploads and songs-as-references, with the probe, the audio store and <see cref="AppOptions"/>.
    /// Relies on the persistence registrations (StorageOptions, IDbContextFactory&lt;AppDbContext&gt;). Pair with
    /// <see cref="ReferenceFileEndpoints.MapReferenceFiles"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddReferenceLibrary(this IServiceCollection services)
    {
        services.AddReferenceChecks();
        services.AddAudioStore();
        services.AddAppOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReferenceUploads>();
        services.TryAddSingleton<ReferenceLibrary>();
        return services;
    }
}
