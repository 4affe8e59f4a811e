namespace MinimaxMusic.Web.Features.Downloads;

internal static class DownloadEndpoints
{
    /// <summary>
    /// A finished song as an attachment named after its title, in a <see cref="DownloadFormat"/>: original, mp3, wav or
    /// flac. Under /media, so it is authorized as song audio is (signed in, or a personal API token).
    /// </summary>
    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{id:guid}/download/{format}",
            (Guid id, string format, SongDownloads downloads, CancellationToken ct) => downloads.AnswerAsync(id, format, ct));
        return endpoints;
    }
}
