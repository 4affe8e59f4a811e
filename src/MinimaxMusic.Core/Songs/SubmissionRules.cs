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

    public static IReadOnlyList<string> ValidateReferenceUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return ["Enter the URL of a reference track (.mp3 or .wav)."];
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return ["The reference track must be an absolute http:// or https:// URL."];
        }

        if (uri.UserInfo.Length > 0)
        {
            return ["The reference track URL must not contain a user name or password."];
        }

        // The vendor asks for a .wav or .mp3 file; the probe then checks what the file really is.
        var path = uri.AbsolutePath;
        return path.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)
            ? []
            : ["The reference track must be a .mp3 or .wav file (the URL's path should end in .mp3 or .wav)."];
    }

    public static IReadOnlyList<string> Validate(string? lyrics, string? referenceUrl) =>
        [.. ValidateLyrics(lyrics), .. ValidateReferenceUrl(referenceUrl)];
}
