using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Spending;

/// <summary>
/// Quotas:UsdPerUserPerMonth through GenerationService on the real app against the simulator: the vendor's reported cost
/// of the first song counts, and the song that would go over the budget is refused before anything is sent.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BudgetSubmitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASongWhoseTypicalPriceNoLongerFits_IsRefusedWithTheSpendingAndTheResetDay_AndNeverSent()
    {
        // The simulator bills $0.06 a song; minimax-music's typical price is $0.10: the first fits in $0.15, a second not.
        await using var env = await SimulatedUpstream.StartAsync(
            configureSimulator: simulator => simulator.CostPerSong = 0.06m,
            configureApp: settings => settings["Quotas:UsdPerUserPerMonth"] = "0.15");
        var service = env.App.CreateGenerationService();

        var first = await service.SubmitAsync("Paid for once\nHarbour lights", env.Reference, Token);
        var song = await env.App.WaitForAsync(first.GenerationId!.Value, g => g.UsdSpent is not null);
        var second = await service.SubmitAsync("Over the budget\nHarbour nights", env.Reference, Token);

        Assert.Equal(0.06m, song.UsdSpent);
        Assert.Null(second.GenerationId);
        Assert.Equal(
            $"You have spent $0.06 of your $0.15 budget this month, and a minimax-music song costs about $0.10; it resets on {UtcMonth.Of(DateTime.UtcNow).ResetsOn}.",
            Assert.Single(second.Errors));
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
        Assert.Equal(1, await env.App.SongCountAsync());
    }
}
