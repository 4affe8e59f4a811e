using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.References;

internal static class ReferenceServiceCollectionExtensions
{
    /// <summary>
    /// Saved references, hosted uploads and songs-as-references, the probe that checks any reference URL, and the sweeper
    /// that removes hosted files nobody uses. Relies on AddPersistence and AddGenerations (AudioArchiver). Pair with
    /// <see cref="ReferenceFileEndpoints.MapReferenceFiles"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddReferences(this IServiceCollection services)
    {
        services.AddReferenceChecks();
        services.AddAppOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReferenceUploads>();
        services.TryAddSingleton<ReferenceLibrary>();
        services.AddHostedService<ReferenceUploadSweeper>();
        return services;
    }

    /// <summary>The reference track probe alone, with its options, cache and the guarded client. Safe to call more than once.</summary>
    public static IServiceCollection AddReferenceChecks(this IServiceCollection services)
    {
        services.AddGuardedHttp();
        services.AddValidatedOptions<ReferenceOptions>(ReferenceOptions.SectionName);
        services.AddMemoryCache();
        services.TryAddSingleton<ReferenceProbe>();
        return services;
    }
}
