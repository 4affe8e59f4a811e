using MinimaxMusic.Core.Lyrics;

namespace MinimaxMusic.Core.Songs;

/// <summary>
/// The checks every submission passes before any upstream call that need no I/O (the reference probe
/// comes after them). The page uses the same ones for instant feedback; the service re-runs them
/// because the UI is for speed, not trust.
/// </summary>
public static class SubmissionRules
{
    public const int MaxLyricsLength = LyricsAnalyzer.MaxLength;

    public static IReadOnlyList<string> ValidateLyrics(string? lyrics) =>
        LyricsAnalyzer.Analyze(lyrics).Diagnostics
            .Where(d => d.Severity == LyricsSeverity.Error)
            .Select(d => d.Message)
            .ToArray();

    /// <summary>The legacy model's reference: a .mp3 or .wav URL.</summary>
    public static IReadOnlyList<string> ValidateReferenceUrl(string? url) => ValidateReferenceUrl(url, LegacyReferenceFormats);

    private static readonly string[] LegacyReferenceFormats = ["mp3", "wav"];

    /// <summary>
    /// A reference URL any model's rules accept: absolute http(s), no credentials, and a path ending in one of
    /// <paramref name="formats"/> (what the model asks for; the probe then checks what the file really is).
    /// </summary>
    public static IReadOnlyList<string> ValidateReferenceUrl(string? url, IReadOnlyList<string> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        var extensions = formats.Select(f => "." + f).ToList();
        var named = extensions.Count == 1 ? extensions[0] : string.Join(", ", extensions.Take(extensions.Count - 1)) + " or " + extensions[^1];
        if (string.IsNullOrWhiteSpace(url))
        {
            return [$"Enter the URL of a reference track ({named})."];
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return ["The reference track must be an absolute http:// or https:// URL."];
        }

        if (uri.UserInfo.Length > 0)
        {
            return ["The reference track URL must not contain a user name or password."];
        }

        var path = uri.AbsolutePath;
        return extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            ? []
            : [$"The reference track must be a {named} file (the URL's path should end in {named})."];
    }
}
