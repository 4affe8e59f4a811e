namespace MinimaxMusic.Web.Features.Create;

/// <summary>The editor's buttons as pure text operations (tested without a browser).</summary>
internal static class LyricsEditing
{
    /// <summary>Wraps the lyrics in <c>##…##</c>, or unwraps them when they already are.</summary>
    public static string ToggleAccompaniment(string lyrics)
    {
        var text = lyrics.Trim();
        if (text.Length >= 4 && text.StartsWith("##", StringComparison.Ordinal) && text.EndsWith("##", StringComparison.Ordinal))
        {
            return text[2..^2];
        }

        return text.Length == 0 ? lyrics : $"##{text}##";
    }

    /// <summary>
    /// Puts a pause (one blank line) after the line the caret is on. Returns the new text and where the caret
    /// goes: the start of the line after the pause. A caret of -1 means unknown: the pause goes at the end.
    /// </summary>
    public static (string Text, int Caret) InsertPause(string lyrics, int caret)
    {
        if (caret < 0 || caret > lyrics.Length)
        {
            caret = lyrics.Length;
        }

        var lineEnd = lyrics.IndexOf('\n', caret);
        if (lineEnd < 0)
        {
            var appended = lyrics + "\n\n";
            return (appended, appended.Length);
        }

        // Already followed by a blank line: the pause is there; just move past it.
        if (lineEnd + 1 < lyrics.Length && lyrics[lineEnd + 1] == '\n')
        {
            return (lyrics, lineEnd + 2);
        }

        var text = lyrics.Insert(lineEnd, "\n");
        return (text, lineEnd + 2);
    }

    /// <summary>
    /// Puts a section tag such as <c>[Verse]</c> on a line of its own: before the caret's line when the caret is at its
    /// start, otherwise after that line, so no sung line is split. Returns the new text and where the caret goes: the
    /// start of the line under the tag. A caret of -1 means unknown: the tag goes at the end.
    /// </summary>
    public static (string Text, int Caret) InsertTag(string lyrics, int caret, string tag)
    {
        ArgumentNullException.ThrowIfNull(lyrics);
        var line = $"[{tag}]";
        if (caret < 0 || caret > lyrics.Length)
        {
            caret = lyrics.Length;
        }

        if (caret == 0 || lyrics[caret - 1] == '\n')
        {
            var before = lyrics.Insert(caret, line + "\n");
            return (before, caret + line.Length + 1);
        }

        var lineEnd = lyrics.IndexOf('\n', caret);
        if (lineEnd < 0)
        {
            var appended = lyrics + "\n" + line + "\n";
            return (appended, appended.Length);
        }

        var text = lyrics.Insert(lineEnd, "\n" + line);
        return (text, lineEnd + line.Length + 2);
    }
}
