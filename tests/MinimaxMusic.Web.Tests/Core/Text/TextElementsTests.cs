using MinimaxMusic.Web.Tests.Infrastructure;
using System.Globalization;
using System.Text;
using MinimaxMusic.Core.Text;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Sharing;

namespace MinimaxMusic.Web.Tests.Core.Text;

/// <summary>
/// Titles, share descriptions and download names are cut by the characters people see: never inside a surrogate pair
/// (which leaves a lone surrogate, shown as U+FFFD) nor inside a grapheme cluster (an accent torn from its letter,
/// half a flag).
/// </summary>
public sealed class TextElementsTests
{
    // "he comes" with twelve combining marks on every letter: each character is 13 UTF-16 units.
    private static readonly string Zalgo = string.Concat(Enumerable.Repeat("he comes ", 12).SelectMany(word => word)
        .Select((c, i) => c == ' ' ? " " : c + string.Concat(Enumerable.Range(0, 12).Select(m => (char)(0x0300 + ((i + m) % 0x70))))));

    /// <summary>case, one long line of text that the old UTF-16 cuts broke.</summary>
    public static TheoryData<string, string> HardText => new()
    {
        { "300 emoji", Repeat("🎵", 300) },
        { "e + combining acute × 200", Repeat("e\u0301", 200) },
        { "Zalgo text", Zalgo },
        { "100 flags", Repeat("🇫🇷", 100) },
        { "families joined by ZWJ", Repeat("👨‍👩‍👧 ", 60) },
        { "skin tones and letters", Repeat("a👍🏽", 90) },
    };

    [Theory]
    [MemberData(nameof(HardText))]
    public void ATitle_FromHardText_IsValidUtf16_AndEndsOnAWholeCharacter(string because, string text)
    {
        var title = Generation.TitleFrom(text + "\nsecond line");

        AssertCutOnWholeElements(because, text, title);
        Assert.True(TextElements.Count(title) <= 80, $"{because}: {TextElements.Count(title)} characters");
        Assert.True(title.Length <= 200, $"{because}: {title.Length} UTF-16 units do not fit the Title column");
    }

    [Theory]
    [MemberData(nameof(HardText))]
    public void ADownloadName_FromHardText_IsValid_AndFitsAFileSystemName(string because, string text)
    {
        var song = new SongBuilder { Title = text, Lyrics = text }.Build();

        var name = MediaEndpoints.DownloadName(song, "/data/audio/song.mp3");

        Assert.EndsWith(".mp3", name, StringComparison.Ordinal);
        AssertCutOnWholeElements(because, text, name[..^".mp3".Length]);
        Assert.True(Encoding.UTF8.GetByteCount(name) <= 255, $"{because}: {Encoding.UTF8.GetByteCount(name)} bytes");
        Assert.True(name.Length <= 255, because);
    }

    [Theory]
    [MemberData(nameof(HardText))]
    public void AShareDescription_FromHardText_IsValid_AndEndsOnAWholeCharacter(string because, string text)
    {
        // Four lines of it, joined: well past the description's 200 characters.
        var description = ShareDescription.From(string.Join('\n', Enumerable.Repeat(text, 4)));

        AssertCutOnWholeElements(because, string.Join(" / ", Enumerable.Repeat(text.Trim(), 4)), description);
        Assert.True(TextElements.Count(description) <= ShareDescription.MaxLength, because);
    }

    [Fact]
    public void ATitle_SkipsLinesThatShowNothing()
    {
        Assert.Equal("Morning light", Generation.TitleFrom("\u200B\u2066\u2069\n##\uFEFF\n  Morning light\nGulls"));
        Assert.Equal("Untitled", Generation.TitleFrom("\u200B\n\u00AD"));
    }

    [Fact]
    public void AShareDescription_SkipsLinesThatShowNothing() =>
        Assert.Equal("One / Two", ShareDescription.From("One\n\u200B\u200D\n\u2060\nTwo"));

    [Fact]
    public void ADownloadName_OfATitleThatShowsNothing_IsSong()
    {
        var song = new SongBuilder { Title = "\u200B\u2060", Lyrics = "la" }.Build();

        Assert.Equal("song.wav", MediaEndpoints.DownloadName(song, "/data/audio/x.wav"));
    }

    [Theory]
    [InlineData("Short enough", 20, int.MaxValue, "Short enough")]
    [InlineData("abcdef", 6, int.MaxValue, "abcdef")]
    [InlineData("abcdefg", 6, int.MaxValue, "abcde…")]
    [InlineData("abcdefg", 10, 4, "abc…")]
    [InlineData("ab  cdef", 4, int.MaxValue, "ab…")]
    [InlineData("abc", 1, int.MaxValue, "…")]
    [InlineData("🇫🇷🇩🇪🇮🇹", 2, int.MaxValue, "🇫🇷…")]
    [InlineData("🇫🇷🇩🇪🇮🇹", 10, 8, "🇫🇷…")]
    [InlineData("e\u0301e\u0301e\u0301", 2, int.MaxValue, "e\u0301…")]
    [InlineData("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 2, int.MaxValue, "👨‍👩‍👧…")]
    public void Truncate_KeepsWholeElements_WithinBothLimits(string text, int maxElements, int maxLength, string expected) =>
        Assert.Equal(expected, TextElements.Truncate(text, maxElements, maxLength));

    [Fact]
    public void Truncate_ReturnsTheSameString_WhenItFits()
    {
        var text = Repeat("🎵", 10);

        Assert.Same(text, TextElements.Truncate(text, 10, 20));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("🎵🎵", 2)]
    [InlineData("🇫🇷🇩🇪", 2)]
    [InlineData("e\u0301", 1)]
    [InlineData("👨‍👩‍👧", 1)]
    public void Count_CountsWhatPeopleSee(string text, int count) => Assert.Equal(count, TextElements.Count(text));

    [Theory]
    [InlineData("", true)]
    [InlineData(" \t\n", true)]
    [InlineData("\u200B\u200C\u200D\uFEFF\u2060\u00AD", true)]
    [InlineData("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F", true)]
    [InlineData("\u3164\uFE0F\u034F", true)]
    [InlineData("\u200Ba", false)]
    [InlineData("é", false)]
    [InlineData("🎵", false)]
    [InlineData("#", false)]
    public void IsInvisible_IsTrueOnlyWhenNothingWouldBeSeen(string text, bool invisible) =>
        Assert.Equal(invisible, TextElements.IsInvisible(text));

    private static void AssertCutOnWholeElements(string because, string source, string cut)
    {
        AssertNoLoneSurrogate(because, cut);
        Assert.True(cut.EndsWith(TextElements.Ellipsis, StringComparison.Ordinal), $"{because}: \"{cut}\" is not marked as cut");
        var kept = Elements(cut[..^TextElements.Ellipsis.Length]);
        Assert.NotEmpty(kept);
        Assert.Equal(Elements(source).Take(kept.Count), kept);
    }

    private static void AssertNoLoneSurrogate(string because, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                Assert.True(i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]), $"{because}: a lone high surrogate at {i}");
                i++;
            }
            else
            {
                Assert.False(char.IsLowSurrogate(text[i]), $"{because}: a lone low surrogate at {i}");
            }
        }

        Assert.DoesNotContain('\uFFFD', text);
    }

    private static List<string> Elements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
