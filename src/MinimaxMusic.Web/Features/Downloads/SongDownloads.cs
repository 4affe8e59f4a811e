using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.Downloads;

/// <summary>
/// A finished song as a file to keep, in the format asked for (GET /media/{id}/download/{format}): the original as
/// /media serves it, or a tagged MP3, WAV or FLAC from the <see cref="ConversionCache"/>. Whoever may play the song may
/// download it: the song is read through <see cref="GenerationService"/>, which refuses nobody.
/// </summary>
internal sealed class SongDownloads(
    GenerationService generations,
    IDbContextFactory<AppDbContext> dbFactory,
    ConversionCache cache,
    SongAudio audio,
    AudioStore store)
{
    public static string NeedsFfmpeg => $"{DownloadFormat.ConvertedNames} need ffmpeg on the server";

    public async Task<IResult> AnswerAsync(Guid id, string formatSlug, CancellationToken cancellationToken)
    {
        if (DownloadFormat.Find(formatSlug) is not { } format)
        {
            return Problem(StatusCodes.Status404NotFound, "There is no such download format",
                $"Songs download as {string.Join(", ", DownloadFormat.All.Select(f => f.Slug))}.");
        }

        var song = await generations.GetAsync(id, cancellationToken);
        if (song is not { Status: GenerationStatus.Completed })
        {
            return Results.NotFound();
        }

        if (format.Conversion is null)
        {
            return audio.Answer(song, download: true);
        }

        // 404s, not 5xx: nothing failed, and proxies and uptime checks read a 5xx as the app being down.
        if (!cache.IsAvailable)
        {
            return Problem(StatusCodes.Status404NotFound, $"{format.Label} downloads are not offered here",
                $"{NeedsFfmpeg}; the original file can be downloaded.");
        }

        if (!store.Exists(AudioKind.Song, song.ArchivedFileName))
        {
            return Problem(StatusCodes.Status404NotFound, "This song is not saved on this server yet",
                $"{format.Label} is made from the saved copy; try again in a minute, or download the original.");
        }

        var tags = TagsFor(song, await MakerAsync(song.OwnerId, cancellationToken));
        var name = await cache.GetAsync(song, format, tags, cancellationToken);
        // The fingerprint in the name identifies the bytes: a strong tag, so an interrupted download resumes (If-Range).
        return (name is null ? null : store.Serve(AudioKind.Converted, name, format.ContentType,
                MediaEndpoints.DownloadName(song, "." + format.Extension), new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(name)}\"")))
            ?? Problem(StatusCodes.Status500InternalServerError, $"The {format.Label} file could not be made",
                "The conversion failed on the server (see its log); the original file can be downloaded.");
    }

    /// <summary>Title, maker, lyrics (none for an instrumental) and a comment naming the model and the style it was asked for.</summary>
    internal static AudioTags TagsFor(Generation song, string? maker) => new(
        song.Title,
        maker,
        string.IsNullOrWhiteSpace(song.Lyrics) ? null : song.Lyrics,
        song.Style is { } style ? $"{song.Model} · style: {style}" : song.Model);

    /// <summary>
    /// How the file names the person who made the song: their address without the domain ("writer" for
    /// writer@example.com). Files travel beyond the team; a full address in a music player's artist field invites spam.
    /// </summary>
    private async Task<string?> MakerAsync(string? ownerId, CancellationToken cancellationToken)
    {
        if (ownerId is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => u.Email ?? u.UserName).FirstOrDefaultAsync(cancellationToken);
        return name?.Split('@')[0] is { Length: > 0 } local ? local : null;
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
