using MinimaxMusic.Web.Audio;
using Microsoft.Net.Http.Headers;

namespace MinimaxMusic.Web.Features.Generations;

internal static class MediaEndpoints
{
    /// <summary>
    /// Same-origin audio for every player: the archived file streamed from disk with Range, ETag (its SHA-256)
    /// and Last-Modified; conditional requests are answered by the file result (304, If-Range).
    /// <c>?download=true</c> asks the browser to save it under the song's title.
    /// </summary>
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{id:guid}", async (Guid id, GenerationService generations, AudioStore store, CancellationToken ct, bool download = false) =>
        {
            var generation = await generations.GetAsync(id, ct);
            return generation is not { Status: GenerationStatus.Completed } ? Results.NotFound() : Audio(generation, store, download);
        });
        return endpoints;
    }

    /// <summary>A completed song's audio, as every audio URL serves it (/media and share links).</summary>
    internal static IResult Audio(Generation generation, AudioStore store, bool download)
    {
        // The hash names the exact bytes, so the tag is strong; older rows without one still get Last-Modified.
        var etag = generation.ArchivedSha256 is { } sha ? new EntityTagHeaderValue($"\"{sha}\"") : null;
        if (store.Serve(AudioKind.Song, generation.ArchivedFileName, generation.AudioContentType ?? "application/octet-stream",
                download ? DownloadName(generation, generation.ArchivedFileName!) : null, etag) is { } archived)
        {
            return archived;
        }

        // Not archived (yet): fall back to the vendor's link while it lasts.
        return generation.AudioUrl is { } remote ? Results.Redirect(remote) : Results.NotFound();
    }

    /// <summary>The title as a file name (characters no file system accepts replaced), with the archived file's extension.</summary>
    internal static string DownloadName(Generation generation, string archivedFileName)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var name = new string([.. generation.Title.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim(' ', '.');
        return (name.Length == 0 ? "song" : name) + Path.GetExtension(archivedFileName);
    }
}
