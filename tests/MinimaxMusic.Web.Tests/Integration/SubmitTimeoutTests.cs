using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Integration;

/// <summary>A submit that stalls past the client timeout after it was sent is never re-sent: one song is paid for at most.</summary>
public sealed class SubmitTimeoutTests
{
    [Fact]
    public async Task Submit_ThatStallsPastTheTimeout_IsNotResent_AndFailsSayingItMayHaveBeenCreated()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: settings => settings["AimlApi:RequestTimeout"] = "00:00:01");
        env.Simulator.State.ArmSubmitFaults(SimulatedFault.Stall(TimeSpan.FromSeconds(3)));

        var result = await env.App.CreateGenerationService().SubmitAsync(
            "Morning light\nOn the bay", env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Failed, song.Status);
        Assert.Contains("may still have created", song.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
    }
}
