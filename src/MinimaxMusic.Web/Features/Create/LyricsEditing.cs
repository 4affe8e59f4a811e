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
}
