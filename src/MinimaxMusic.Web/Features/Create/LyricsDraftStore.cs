using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace MinimaxMusic.Web.Features.Create;

/// <summary>
/// Everything the writer has put on the Create page, for every model at once: fields the chosen model does not take are
/// kept (and not sent), so switching back finds them again. Drafts stored before there was a choice of model have only
/// the lyrics and the reference; the rest takes its default.
/// </summary>
public sealed record LyricsDraft(
    string Lyrics,
    string ReferenceUrl,
    string? Model = null,
    string? Style = null,
    bool Instrumental = false,
    bool WriteLyrics = false,
    AudioChoice? Audio = null)
{
    /// <summary>Nothing typed at all: no draft to restore.</summary>
    public bool IsEmpty => Lyrics.Length == 0 && ReferenceUrl.Length == 0 && string.IsNullOrEmpty(Style);

    /// <summary>The draft a song was made from: every setting of its request ("Generate again").</summary>
    public static LyricsDraft From(SongRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Lyrics ?? string.Empty, request.ReferenceUrl ?? string.Empty, request.ModelId, request.Style,
            request.Instrumental, request.WriteLyrics, request.Audio is { IsEmpty: false } audio ? audio : null);
    }
}

/// <summary>
/// Keeps the writer's draft in the browser's local storage (encrypted by Data Protection), so a reload or a
/// dropped circuit never loses lyrics.
/// </summary>
internal sealed class LyricsDraftStore(ProtectedLocalStorage storage, ILogger<LyricsDraftStore> logger)
{
    private const string Key = "minimaxmusic.draft.v1";

    public async Task<LyricsDraft?> LoadAsync()
    {
        try
        {
            var stored = await storage.GetAsync<LyricsDraft>(Key);
            return stored.Success ? stored.Value : null;
        }
        catch (CryptographicException)
        {
            // Written with keys this server no longer has: start afresh rather than fail the page.
            logger.LogInformation("A stored lyrics draft could not be decrypted and was ignored");
            return null;
        }
    }

    public async Task SaveAsync(LyricsDraft draft)
    {
        try
        {
            await storage.SetAsync(Key, draft);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.JSInterop.JSException or TaskCanceledException)
        {
            // Prerendering or a circuit going away: the next change saves again.
            logger.LogDebug(ex, "The lyrics draft could not be saved this time");
        }
    }
}
