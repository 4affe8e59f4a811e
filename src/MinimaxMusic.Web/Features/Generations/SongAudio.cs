using Microsoft.Net.Http.Headers;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// A completed song's audio, as every audio URL answers it (/media/{id} and /s/{token}/audio, GET and HEAD): the
/// saved file with Range, a strong ETag (its SHA-256) and Last-Modified; before it is saved, a redirect to the
/// vendor's link, but only to a public http(s) address (<see cref="OutboundGuard.CheckRedirect"/>).
/// </summary>
internal sealed class SongAudio(AudioStore store, OutboundGuard guard, ILogger<SongAudio> logger)
{
    public IResult Answer(Generation generation, bool download)
    {
        // The hash names the exact bytes, so the tag is strong; older rows without one still get Last-Modified.
        var etag = generation.ArchivedSha256 is { } sha ? new EntityTagHeaderValue($"\"{sha}\"") : null;
        if (store.Serve(AudioKind.Song, generation.ArchivedFileName, generation.AudioContentType ?? "application/octet-stream",
                download ? MediaEndpoints.DownloadName(generation, generation.ArchivedFileName!) : null, etag) is { } saved)
        {
            return saved;
        }

        if (generation.AudioUrl is not { } remote)
        {
            return NotAvailable(generation, "the AIML service gave no link to it");
        }

        // Not saved (yet): send the player to the vendor's link while it lasts, if it is somewhere a browser should go.
        var problem = Uri.TryCreate(remote, UriKind.Absolute, out var url) ? guard.CheckRedirect(url) : "it is not an absolute URL";
        if (problem is not null)
        {
            logger.LogWarning("Not sending a player to the AIML link of generation {GenerationId}: {Problem}", generation.Id, problem);
            return NotAvailable(generation, "the link the AIML service gave for it is not a public web address");
        }

        return Results.Redirect(url!.AbsoluteUri);
    }

    /// <summary>
    /// 404 with a problem body: a player treats it like any missing audio, a person reads why. Not 502: nothing failed
    /// while answering, and proxies and uptime checks read a 5xx as this app being down (some replace its body).
    /// </summary>
    private static IResult NotAvailable(Generation generation, string why) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "This song's audio is not available here",
        detail: $"The song is not saved on this server{(generation.ArchiveGivenUp ? " (saving it failed)" : " yet")}, and {why}."
            + (generation.ArchiveGivenUp ? "" : " It plays here once it is saved; try again in a minute."));
}
