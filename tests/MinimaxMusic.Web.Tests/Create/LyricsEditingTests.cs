using MinimaxMusic.Web.Features.Create;

namespace MinimaxMusic.Web.Tests.Create;

public sealed class LyricsEditingTests
{
    [Theory]
    [InlineData("Hello\nWorld", "##Hello\nWorld##")]
    [InlineData("##Hello\nWorld##", "Hello\nWorld")]
    [InlineData("  Hello  \n", "##Hello##")]
    [InlineData("", "")]
    public void ToggleAccompaniment_WrapsOrUnwraps(string before, string after) =>
        Assert.Equal(after, LyricsEditing.ToggleAccompaniment(before));

    [Theory]
    // caret inside line 1 → blank line after line 1, caret at the start of line 2
    [InlineData("one\ntwo", 1, "one\n\ntwo", 5)]
    // caret at the very end of line 1
    [InlineData("one\ntwo", 3, "one\n\ntwo", 5)]
    // already a pause after this line: nothing added, caret moves past it
    [InlineData("one\n\ntwo", 2, "one\n\ntwo", 5)]
    // caret on the last line: the pause goes after it and the caret waits on the new line
    [InlineData("one\ntwo", 6, "one\ntwo\n\n", 9)]
    // unknown caret: at the end
    [InlineData("one", -1, "one\n\n", 5)]
    public void InsertPause_AddsOneBlankLineAfterTheCaretsLine(string before, int caret, string after, int newCaret)
    {
        var (text, position) = LyricsEditing.InsertPause(before, caret);

        Assert.Equal(after, text);
        Assert.Equal(newCaret, position);
    }

    [Theory]
    // empty lyrics: the tag and a line to write on
    [InlineData("", 0, "[Verse]\n", 8)]
    // caret at the start of a line: the tag goes above that line, the caret stays on it
    [InlineData("one\ntwo", 4, "one\n[Chorus]\ntwo", 13)]
    // caret inside a line: the line is not split; the tag goes under it, the caret on the next line
    [InlineData("one\ntwo", 1, "one\n[Chorus]\ntwo", 13)]
    // caret on the last line: the tag goes under it and the caret waits on a new line
    [InlineData("one", 2, "one\n[Chorus]\n", 13)]
    // unknown caret: at the end
    [InlineData("one\n", -1, "one\n[Chorus]\n", 13)]
    public void InsertTag_PutsTheTagOnALineOfItsOwn(string before, int caret, string after, int newCaret)
    {
        var tag = after.Contains("[Verse]", StringComparison.Ordinal) ? "Verse" : "Chorus";

        var (text, position) = LyricsEditing.InsertTag(before, caret, tag);

        Assert.Equal(after, text);
        Assert.Equal(newCaret, position);
    }
}
