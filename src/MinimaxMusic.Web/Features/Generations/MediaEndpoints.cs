using Microsoft.Net.Http.Headers;
using MinimaxMusic.Core.Text;

namespace MinimaxMusic.Web.Features.Generations;

internal static class MediaEndpoints
{
    /// <summary>
    /// Same-origin audio for every player (GET and HEAD), answered by <see cref="SongAudio"/>; conditional requests are
    /// answered by the file result (304, If-Range). <c>?download=true</c> asks the browser to save it under the song's title.
    /// </summary>
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/media/{id:guid}", [HttpMethods.Get, HttpMethods.Head],
            async (Guid id, GenerationService generations, SongAudio audio, CancellationToken ct, bool download = false) =>
            {
                var generation = await generations.GetAsync(id, ct);
                return generation is not { Status: GenerationStatus.Completed } ? Results.NotFound() : audio.Answer(generation, download);
            });
        return endpoints;
    }

    /// <summary>
    /// At most this many UTF-16 units before the extension: each is at most 3 bytes of UTF-8, so with ".mp3" the name
    /// stays under the 255 bytes (or UTF-16 units) that common file systems allow.
    /// </summary>
    internal const int MaxDownloadNameLength = 80;

    /// <summary>
    /// The title as a file name (characters no file system accepts replaced, cut by whole characters), with the archived
    /// file's extension.
    /// </summary>
    internal static string DownloadName(Generation generation, string archivedFileName)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var name = new string([.. generation.Title.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim(' ', '.');
        name = TextElements.Truncate(name, MaxDownloadNameLength, MaxDownloadNameLength);
        return (TextElements.IsInvisible(name) ? "song" : name) + Path.GetExtension(archivedFileName);
    }
}
