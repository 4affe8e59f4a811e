namespace MinimaxMusic.Web.Features.Sharing;

/// <summary>
/// The addresses of a share. Links leave the app (chat tools, e-mail), so absolute ones are built on the root
/// <see cref="Hosting.PublicAddress"/> gives.
/// </summary>
internal static class ShareUrls
{
    /// <summary>Relative paths, resolved against the page's base href (which carries the path base).</summary>
    public static string PagePath(string token) => $"s/{token}";

    public static string AudioPath(string token) => $"s/{token}/audio";

    public static string DownloadPath(string token) => $"s/{token}/audio?download=true";

    public static string EmbedPath(string token) => $"s/{token}/embed";

    public static Uri Page(Uri baseUri, string token) => new(baseUri, PagePath(token));

    public static Uri Audio(Uri baseUri, string token) => new(baseUri, AudioPath(token));

    public static Uri Embed(Uri baseUri, string token) => new(baseUri, EmbedPath(token));

    public static Uri OEmbed(Uri baseUri, string token) =>
        new(baseUri, $"oembed?url={Uri.EscapeDataString(Page(baseUri, token).ToString())}&format=json");

    /// <summary>The token of a share page address (<c>…/s/{token}</c>), or null when the address is not one.</summary>
    public static string? TokenOf(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.TrimEnd('/').Split('/');
        return segments is [.., "s", var token] && ShareTokens.LooksValid(token) ? token : null;
    }
}
