namespace MinimaxMusic.Web.Components;

/// <summary>
/// Every in-app address, relative to the page's <c>&lt;base href&gt;</c>: the same links work at the root of a host
/// and under a reverse proxy's path base (<c>App:PathBase</c>, e.g. https://example.com/music/).
/// </summary>
public static class AppLinks
{
    public const string Create = "./";
    public const string History = "history";

    public static string Track(Guid id) => $"tracks/{id}";

    public static string Media(Guid id) => $"media/{id}";

    public static string Download(Guid id) => $"media/{id}?download=true";

    /// <summary>The song as a file in a download format: original, mp3, wav or flac.</summary>
    public static string Download(Guid id, string format) => $"media/{id}/download/{format}";

    public static string GenerateAgain(Guid id) => $"./?from={id}";

    /// <summary>"Make a cover": the Create page with the cover model and this song as its reference.</summary>
    public static string CoverOf(Guid id) => $"./?coverOf={id}";
}
