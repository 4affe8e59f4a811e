using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>POST /v2/generate/audio: the answer, the charge and the counters.</summary>
[Trait("Category", "Integration")]
public sealed class SubmitTests
{
    [Fact]
    public async Task Submit_WithAValidBody_Answers201WithAnIdContainingAColon()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.SubmitAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = await SimulatorHarness.ReadJsonAsync(response);
        Assert.Equal(["id", "status"], SimulatorHarness.PropertyNames(json.RootElement));
        Assert.Equal("queued", json.RootElement.GetProperty("status").GetString());

        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.EndsWith(":minimax-music", id, StringComparison.Ordinal);
        var guid = id[..id.IndexOf(':', StringComparison.Ordinal)];
        Assert.True(Guid.TryParseExact(guid, "D", out _), $"'{guid}' is not a lowercase hyphenated GUID");
        Assert.Equal(guid.ToLowerInvariant(), guid);
    }

    [Fact]
    public async Task Submit_TwiceWithTheSameBody_CreatesTwoGenerationsWithDistinctIds()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var first = await sim.SubmitAcceptedAsync();
        var second = await sim.SubmitAcceptedAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(2, sim.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_WhenAccepted_CountsTheRequestAndTheGenerationAndRecordsThePrompt()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.SubmitAsync("Only this prompt");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, sim.State.SubmitRequests);
        Assert.Equal(1, sim.State.GenerationsCreated);
        Assert.Equal(["Only this prompt"], sim.State.AcceptedPrompts);
    }

    [Fact]
    public async Task Submit_WhenAccepted_TakesCostPerSongOffTheBalance()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.StartingBalance = 10m;
            o.CostPerSong = 0.25m;
        });

        await sim.SubmitAcceptedAsync();
        Assert.Equal(9.75m, sim.State.Balance);

        await sim.SubmitAcceptedAsync();
        Assert.Equal(9.50m, sim.State.Balance);
    }

    [Fact]
    public async Task Submit_WhenTheBalanceIsBelowCostPerSong_Answers403AndCreatesNothingAndChargesNothing()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.StartingBalance = 0.04m;
            o.CostPerSong = 0.05m;
        });

        using var response = await sim.SubmitAsync();

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Forbidden, SimulatorEndpoints.SubmitPath);
        Assert.Equal(0, sim.State.GenerationsCreated);
        Assert.Equal(1, sim.State.SubmitRequests);
        Assert.Equal(0.04m, sim.State.Balance);
    }

    [Fact]
    public async Task Submit_WhenTheBalanceExactlyCoversTheCost_IsAcceptedAndLeavesZero()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.StartingBalance = 0.05m;
            o.CostPerSong = 0.05m;
        });

        await sim.SubmitAcceptedAsync();
        Assert.Equal(0m, sim.State.Balance);

        using var refused = await sim.SubmitAsync();
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, sim.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_ThenPoll_EchoesTheSameId()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();

        using var poll = await sim.PollJsonAsync(id);

        Assert.Equal(id, poll.RootElement.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.String, poll.RootElement.GetProperty("status").ValueKind);
    }
}
