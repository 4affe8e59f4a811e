using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace MinimaxMusic.Web.Features.Create;

public sealed record LyricsDraft(string Lyrics, string ReferenceUrl);

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
