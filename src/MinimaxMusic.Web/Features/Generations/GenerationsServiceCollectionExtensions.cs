using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.Generations;

internal static class GenerationsServiceCollectionExtensions
{
    /// <summary>
    /// Songs: submitting (<see cref="GenerationService"/>), the poller that follows them, the archiver that keeps their
    /// audio, and the notifications pages listen to. Relies on AddPersistence, AddUpstreamClient, AddReferences,
    /// AddSpending and AddAccounts. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddGenerations(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<PollingOptions>(PollingOptions.SectionName);
        services.TryAddSingleton<GenerationNotifier>();
        services.TryAddSingleton<PollerSignal>();
        services.TryAddSingleton<SubmitsInFlight>();
        services.TryAddSingleton<UpstreamBackoff>();
        services.TryAddSingleton<GenerationMetrics>();
        services.AddValidatedOptions<ArchiveOptions>(ArchiveOptions.SectionName);
        services.AddGuardedHttp();
        services.AddMediaProbe();
        services.AddAudioStore();
        services.TryAddSingleton<AudioArchiver>();
        services.TryAddSingleton<SongAudio>();
        services.TryAddSingleton<ArchiveQueue>();
        services.AddHostedService<ArchiveWorker>();
        services.TryAddScoped<GenerationService>();
        services.TryAddSingleton<SubmitRecovery>();
        services.AddHostedService<GenerationPoller>();
        return services;
    }
}
