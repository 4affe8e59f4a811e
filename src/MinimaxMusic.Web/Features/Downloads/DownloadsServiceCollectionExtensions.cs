using Microsoft.Extensions.DependencyInjection.Extensions;
using MinimaxMusic.Web.Audio;

namespace MinimaxMusic.Web.Features.Downloads;

internal static class DownloadsServiceCollectionExtensions
{
    /// <summary>
    /// Downloads in the format people want: the original, or MP3, WAV and FLAC converted by ffmpeg with tags and cached
    /// beside the archive. Relies on AddGenerations (the song and its audio) and AddPersistence. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddDownloads(this IServiceCollection services)
    {
        services.AddMediaProbe();
        services.AddAudioStore();
        services.TryAddSingleton<AudioConverter>();
        services.TryAddSingleton<ConversionCache>();
        services.TryAddScoped<SongDownloads>();
        return services;
    }
}
