using Microsoft.Net.Http.Headers;
using MinimaxMusic.Core.Text;

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
        endpoints.MapGet("/media/{id:guid}", async (Guid id, GenerationService generations, AudioArchiver archiver, CancellationToken ct, bool download = false) =>
        {
            var generation = await generations.GetAsync(id, ct);
            return generation is not { Status: GenerationStatus.Completed } ? Results.NotFound() : Audio(generation, archiver, download);
        });
        return endpoints;
    }

    /// <summary>A completed song's audio, as every audio URL serves it (/media and share links).</summary>
    internal static IResult Audio(Generation generation, AudioArchiver archiver, bool download)
    {
        if (archiver.PathOf(generation) is { } path && File.Exists(path))
        {
            // The hash names the exact bytes, so the tag is strong; older rows without one still get Last-Modified.
            var etag = generation.ArchivedSha256 is { } sha ? new EntityTagHeaderValue($"\"{sha}\"") : null;
            return Results.File(path, generation.AudioContentType ?? "application/octet-stream",
                fileDownloadName: download ? DownloadName(generation, path) : null, lastModified: File.GetLastWriteTimeUtc(path), entityTag: etag, enableRangeProcessing: true);
        }

        // Not archived (yet): fall back to the vendor's link while it lasts.
        return generation.AudioUrl is { } remote ? Results.Redirect(remote) : Results.NotFound();
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
    internal static string DownloadName(Generation generation, string path)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var name = new string([.. generation.Title.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim(' ', '.');
        name = TextElements.Truncate(name, MaxDownloadNameLength, MaxDownloadNameLength);
        return (TextElements.IsInvisible(name) ? "song" : name) + Path.GetExtension(path);
    }
}
