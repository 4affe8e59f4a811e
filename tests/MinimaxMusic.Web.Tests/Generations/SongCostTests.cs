using Bunit;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>What a song cost in dollars, as the song card (history) shows it, and how every page writes dollars.</summary>
public sealed class SongCostTests : MudBunitContext
{
    [Fact]
    public void ASongWithAKnownCost_ShowsItInDollarsOnItsCard()
    {
        var card = Render<SongCard>(p => p.Add(c => c.Song, Song(usdSpent: 0.06m)));

        Assert.Equal("Cost: $0.06", card.Find(".song-cost").TextContent.Trim());
    }

    [Fact]
    public void ASongWhoseCostIsUnknown_ShowsNoCost_NotZero()
    {
        var card = Render<SongCard>(p => p.Add(c => c.Song, Song(usdSpent: null)));

        Assert.Empty(card.FindAll(".song-cost"));
        Assert.DoesNotContain("$", card.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.06", "$0.06")]
    [InlineData("0.2", "$0.20")]
    [InlineData("0.063", "$0.063")]
    [InlineData("0.20000", "$0.20")]
    [InlineData("0.0001234", "$0.0001234")]
    [InlineData("3", "$3.00")]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("0", "$0.00")]
    public void Dollars_HaveTwoDecimalsAtLeast_AndEveryDigitTheVendorGaveBeyond(string usd, string shown) =>
        Assert.Equal(shown, MinimaxMusic.Web.Features.Spending.Dollars.Charged(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));

    private static Generation Song(decimal? usdSpent) => new SongBuilder
    {
        Title = "Morning light",
        Status = GenerationStatus.Completed,
        AudioUrl = "https://cdn.example.com/output.mp3",
        CreditsUsed = 120,
        UsdSpent = usdSpent,
    }.Build();
}
