namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// The checks every submission passes before any upstream call (the page uses the same ones for
/// instant feedback; the service re-runs them because the UI is for speed, not trust).
/// </summary>
internal static class SubmissionRules
{
    public const int MaxLyricsLength = 600;

    public static IReadOnlyList<string> ValidateLyrics(string? lyrics)
    {
        if (string.IsNullOrWhiteSpace(lyrics))
        {
            return ["Write some lyrics first."];
        }

        // UTF-16 code units: the count the vendor's JavaScript-based API applies.
        return lyrics.Length > MaxLyricsLength
            ? [$"The lyrics are {lyrics.Length} characters; the model accepts at most {MaxLyricsLength}."]
            : [];
    }

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

        var path = uri.AbsolutePath;
        return path.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)
            ? []
            : ["The reference track must be a .mp3 or .wav file (the URL's path should end in .mp3 or .wav)."];
    }

    public static IReadOnlyList<string> Validate(string? lyrics, string? referenceUrl) =>
        [.. ValidateLyrics(lyrics), .. ValidateReferenceUrl(referenceUrl)];
}
