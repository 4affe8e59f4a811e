namespace MinimaxMusic.Web.Features.Sharing;

/// <summary>The text under a link's title in chat tools: the first lyric lines, accompaniment markers removed.</summary>
internal static class ShareDescription
{
    public const int MaxLength = 200;

    public static string From(string lyrics)
    {
        var lines = lyrics.Split('\n')
            .Select(line => line.Replace("##", string.Empty, StringComparison.Ordinal).Trim())
            .Where(line => line.Length > 0)
            .Take(4);
        var text = string.Join(" / ", lines);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }
}
