using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Demo;

internal static class DemoModeServiceCollectionExtensions
{
    /// <summary>
    /// Demo mode: with no AimlApi:ApiKey the simulator runs in-process and the upstream client is pointed at it. Call after
    /// <see cref="UpstreamServiceCollectionExtensions.AddUpstreamClient"/> and before AddGenerations: hosted services start
    /// in the order they were added, and the simulator's address must be known before the poller sends anything.
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddDemoMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<DemoMode>();
        if (services.Has<IOptionsChangeTokenSource<SimulatorOptions>>())
        {
            return services;
        }

        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName)
            // One folder for ffmpeg: the demo's simulator encodes MP3 with the ffmpeg the app already uses.
            .PostConfigure<IOptions<MinimaxMusic.Web.Audio.MediaOptions>>((simulator, media) =>
                simulator.FfmpegFolder = string.IsNullOrWhiteSpace(simulator.FfmpegFolder) ? media.Value.FfmpegFolder : simulator.FfmpegFolder);
        var apiKey = configuration[$"{AimlApiOptions.SectionName}:{nameof(AimlApiOptions.ApiKey)}"];
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            services.AddHostedService<DemoSimulatorHost>();
            // Simulated songs take seconds, not a minute: poll sooner unless the operator chose otherwise.
            services.PostConfigure<PollingOptions>(polling =>
            {
                if (configuration[$"{PollingOptions.SectionName}:{nameof(PollingOptions.InitialDelay)}"] is null)
                {
                    polling.InitialDelay = TimeSpan.FromSeconds(3);
                }

                if (configuration[$"{PollingOptions.SectionName}:{nameof(PollingOptions.Interval)}"] is null)
                {
                    polling.Interval = TimeSpan.FromSeconds(2);
                }
            });
        }

        return services;
    }
}
