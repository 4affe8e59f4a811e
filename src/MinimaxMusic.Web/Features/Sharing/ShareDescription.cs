using MinimaxMusic.Core.Text;

namespace MinimaxMusic.Web.Features.Sharing;

/// <summary>The text under a link's title in chat tools: the first lyric lines, accompaniment markers removed.</summary>
internal static class ShareDescription
{
    /// <summary>In characters as people see them; a chat tool cuts further as it likes.</summary>
    public const int MaxLength = 200;

    public static string From(string lyrics)
    {
        var lines = lyrics.Split('\n')
            .Select(line => line.Replace("##", string.Empty, StringComparison.Ordinal).Trim())
            .Where(line => !TextElements.IsInvisible(line))
            .Take(4);
        return TextElements.Truncate(string.Join(" / ", lines), MaxLength);
    }
}
