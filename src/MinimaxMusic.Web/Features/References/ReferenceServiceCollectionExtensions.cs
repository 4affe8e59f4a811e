using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.References;

internal static class ReferenceServiceCollectionExtensions
{
    /// <summary>
    /// Saved references, hosted uploads and songs-as-references, the probe that checks any reference URL, the audio store
    /// and its sweeper. Relies on AddPersistence. Pair with <see cref="ReferenceFileEndpoints.MapReferenceFiles"/>.
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddReferences(this IServiceCollection services)
    {
        services.AddReferenceChecks();
        services.AddAudioStore();
        services.AddAppOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReferenceUploads>();
        services.TryAddSingleton<ReferenceLibrary>();
        services.AddHostedService<AudioSweeper>();
        return services;
    }

    /// <summary>The reference track probe alone, with its options, cache, the media probe and the guarded client. Safe to call more than once.</summary>
    public static IServiceCollection AddReferenceChecks(this IServiceCollection services)
    {
        services.AddGuardedHttp();
        services.AddMediaProbe();
        services.AddValidatedOptions<ReferenceOptions>(ReferenceOptions.SectionName);
        services.AddMemoryCache();
        services.TryAddSingleton<ReferenceProbe>();
        return services;
    }
}
