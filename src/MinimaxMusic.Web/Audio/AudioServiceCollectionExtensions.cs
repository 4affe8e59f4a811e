using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MinimaxMusic.Web.Audio;

internal static class AudioServiceCollectionExtensions
{
    /// <summary>ffprobe/ffmpeg behind one setting, Media:FfmpegFolder. Safe to call more than once.</summary>
    public static IServiceCollection AddMediaProbe(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(MediaProbe)))
        {
            return services;
        }

        services.AddOptions<MediaOptions>()
            .BindConfiguration(MediaOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.FfmpegFolder)
                    && MediaOptions.DeprecatedFolderKeys.FirstOrDefault(key => !string.IsNullOrWhiteSpace(configuration[key])) is { } oldKey)
                {
                    options.FfmpegFolder = configuration[oldKey];
                    options.FolderFromDeprecatedKey = oldKey;
                }
            });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MediaProbe>();
        return services;
    }

    /// <summary>
    /// The audio files' one owner. Relies on the persistence registrations (StorageOptions, IDbContextFactory&lt;AppDbContext&gt;).
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddAudioStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AudioStore>();
        return services;
    }
}
