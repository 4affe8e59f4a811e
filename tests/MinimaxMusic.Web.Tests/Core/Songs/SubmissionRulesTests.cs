using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Tests.Core.Songs;

public sealed class SubmissionRulesTests
{
    [Theory]
    [InlineData("", false)]
    [InlineData("   \n  ", false)]
    [InlineData("La la la", true)]
    public void Lyrics_MustHaveText(string lyrics, bool valid) =>
        Assert.Equal(valid, SubmissionRules.ValidateLyrics(lyrics).Count == 0);

    [Fact]
    public void Lyrics_OfExactly600Characters_AreAccepted() =>
        Assert.Empty(SubmissionRules.ValidateLyrics(new string('a', 600)));

    [Fact]
    public void Lyrics_Of601Characters_AreRejectedWithTheCount()
    {
        var error = Assert.Single(SubmissionRules.ValidateLyrics(new string('a', 601)));
        Assert.Contains("601", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lyrics_AreCountedInUtf16CodeUnits()
    {
        // 300 emoji are 600 UTF-16 code units: at the limit, like the vendor's JavaScript counts.
        Assert.Empty(SubmissionRules.ValidateLyrics(string.Concat(Enumerable.Repeat("🎵", 300))));
        Assert.NotEmpty(SubmissionRules.ValidateLyrics(string.Concat(Enumerable.Repeat("🎵", 300)) + "a"));
    }

    [Theory]
    [InlineData("https://cdn.example.com/song.mp3", true)]
    [InlineData("http://cdn.example.com/a/b/song.WAV", true)]
    [InlineData("https://cdn.example.com/song.mp3?sig=abc", true)]
    [InlineData("ftp://cdn.example.com/song.mp3", false)]
    [InlineData("/song.mp3", false)]
    [InlineData("https://cdn.example.com/song.ogg", false)]
    [InlineData("https://cdn.example.com/mp3", false)]
    [InlineData("not a url", false)]
    [InlineData("", false)]
    public void ReferenceUrl_MustBeAnAbsoluteHttpUrlOfAnMp3OrWav(string url, bool valid) =>
        Assert.Equal(valid, SubmissionRules.ValidateReferenceUrl(url).Count == 0);

    [Theory]
    [InlineData("Hello world\nSecond line", "Hello world")]
    [InlineData("##\n\nFirst sung line\nmore\n##", "First sung line")]
    [InlineData("   \n", "Untitled")]
    [InlineData("[Verse]\nStreetlights flicker\n[Chorus]", "Streetlights flicker")]
    public void Title_IsTheFirstSungLine(string lyrics, string title) =>
        Assert.Equal(title, Generation.TitleFrom(lyrics));
}
