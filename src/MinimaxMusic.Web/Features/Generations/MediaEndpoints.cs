namespace MinimaxMusic.Web.Features.Generations;

internal static class MediaEndpoints
{
    /// <summary>Same-origin audio for every player: the archived file with Range support, streamed from disk.</summary>
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{id:guid}", async (Guid id, GenerationService generations, AudioArchiver archiver, CancellationToken ct) =>
        {
            var generation = await generations.GetAsync(id, ct);
            if (generation is not { Status: GenerationStatus.Completed })
            {
                return Results.NotFound();
            }

            if (archiver.PathOf(generation) is { } path && File.Exists(path))
            {
                return Results.File(path, generation.AudioContentType ?? "application/octet-stream",
                    fileDownloadName: null, lastModified: File.GetLastWriteTimeUtc(path), enableRangeProcessing: true);
            }

            // Not archived (yet): fall back to the vendor's link while it lasts.
            return generation.AudioUrl is { } remote ? Results.Redirect(remote) : Results.NotFound();
        });
        return endpoints;
    }
}
