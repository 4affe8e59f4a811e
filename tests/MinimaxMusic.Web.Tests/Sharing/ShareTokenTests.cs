using System.Buffers.Text;
using MinimaxMusic.Web.Features.Sharing;

namespace MinimaxMusic.Web.Tests.Sharing;

public sealed class ShareTokenTests
{
    [Fact]
    public void TenThousandTokens_AreAllDifferent_AndEachCarriesAtLeast128RandomBits()
    {
        var tokens = Enumerable.Range(0, 10_000).Select(_ => ShareTokens.Create()).ToList();

        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        foreach (var token in tokens)
        {
            Assert.Equal(43, token.Length);
            Assert.True(ShareTokens.LooksValid(token), token);
            Assert.True(Base64Url.DecodeFromChars(token).Length >= 16, token);
        }

        // Random bytes, not a counter or a timestamp: every byte position takes many values across the tokens.
        var decoded = tokens.Select(t => Base64Url.DecodeFromChars(t)).ToList();
        for (var position = 0; position < ShareTokens.ByteCount; position++)
        {
            Assert.True(decoded.Select(bytes => bytes[position]).Distinct().Count() > 200, $"byte {position} barely varies");
        }
    }

    [Theory]
    [InlineData("https://music.example.com/s/abc_DEF-123", "abc_DEF-123")]
    [InlineData("https://music.example.com/team/s/abc/", "abc")]
    [InlineData("https://music.example.com/tracks/abc", null)]
    [InlineData("https://music.example.com/s/abc%3Cscript%3E", null)]
    [InlineData("not a url", null)]
    [InlineData(null, null)]
    public void TheOEmbedEndpoint_FindsTheTokenOnlyInShareAddresses(string? url, string? expected) =>
        Assert.Equal(expected, ShareUrls.TokenOf(url));

    [Fact]
    public void TheDescription_IsTheFirstLyricLines_WithoutAccompanimentMarkers()
    {
        var description = ShareDescription.From("##\nFirst line\n\nSecond line##\nThird\nFourth\nFifth");

        Assert.Equal("First line / Second line / Third / Fourth", description);
    }
}
