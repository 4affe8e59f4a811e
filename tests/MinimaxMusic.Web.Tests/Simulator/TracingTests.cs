using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>X-Client-Request-Id in, x-inference-id and the cost headers out (contract/models/request-tracing-and-cost.md).</summary>
[Trait("Category", "Integration")]
public sealed class TracingTests
{
    public static TheoryData<string> ValidClientRequestIds => new()
    {
        "0197d3c1a2b34c5d8e9f0a1b2c3d4e5f",
        "0197d3c1-a2b3-4c5d-8e9f-0a1b2c3d4e5f",
        "order-8f21c4",
        "A.b_C:d-9",
        new string('x', 128),
        "7",
    };

    public static TheoryData<string> InvalidClientRequestIds => new()
    {
        new string('x', 129),
        "",
        "has space",
        "semi;colon",
        "a/b",
        "a,b",
        "quote\"d",
        "plus+sign",
    };

    [Theory]
    [MemberData(nameof(ValidClientRequestIds))]
    public async Task Submit_WithAValidClientRequestId_EchoesItAndRecordsItAgainstTheGeneration(string clientRequestId)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.SubmitAsync(clientRequestId: clientRequestId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(clientRequestId, SimulatorHarness.Header(response, Tracing.EchoedClientRequestIdHeader));
        Assert.Equal(1, sim.State.AcceptedByClientRequestId[clientRequestId]);
        Assert.Equal(clientRequestId, Assert.Single(await sim.LogRowsAsync()).GetProperty("client_request_id").GetString());
    }

    [Theory]
    [MemberData(nameof(InvalidClientRequestIds))]
    public async Task Submit_WithAnInvalidClientRequestId_IsStillAcceptedButTheIdIsSilentlyDropped(string clientRequestId)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.SubmitAsync(clientRequestId: clientRequestId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(SimulatorHarness.Header(response, Tracing.EchoedClientRequestIdHeader));
        Assert.NotNull(SimulatorHarness.Header(response, Tracing.InferenceIdHeader));
        Assert.Equal(1, sim.State.GenerationsCreated);
        Assert.Empty(sim.State.AcceptedByClientRequestId);
        var row = Assert.Single(await sim.LogRowsAsync());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("client_request_id").ValueKind);
        Assert.Equal("succeeded", row.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Submit_WithTheClientRequestIdHeaderSentTwice_DropsIt()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/generate/audio")
        {
            Content = new StringContent(SimulatorHarness.SubmitBody(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(Tracing.ClientRequestIdHeader, ["first", "second"]);

        using var response = await sim.SendAsync(request, "Bearer " + SimulatorHarness.Key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(SimulatorHarness.Header(response, Tracing.EchoedClientRequestIdHeader));
        Assert.Empty(sim.State.AcceptedByClientRequestId);
    }

    [Fact]
    public async Task Submit_WhenAccepted_CarriesTheGenerationIdAndTheCostThePollAndTheLogReportToo()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.SubmitAsync(clientRequestId: "song-1");

        using var json = await SimulatorHarness.ReadJsonAsync(response);
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(id, SimulatorHarness.Header(response, Tracing.InferenceIdHeader));
        Assert.Equal("120000", SimulatorHarness.Header(response, Tracing.CreditsUsedHeader));
        Assert.Equal("0.060000000", SimulatorHarness.Header(response, Tracing.UsdSpentHeader));
        Assert.Equal(
            ["x-aimlapi-credits-used", "x-aimlapi-usd-spent", "x-client-request-id", "x-inference-id"],
            SimulatorHarness.Header(response, "Access-Control-Expose-Headers")!.Split(", ").Order(StringComparer.Ordinal));

        sim.Time.Advance(SimulatorHarness.GenerationTime);
        using var poll = await sim.PollAsync(id);
        Assert.Equal(id, SimulatorHarness.Header(poll, Tracing.InferenceIdHeader));
        using var polled = await SimulatorHarness.ReadJsonAsync(poll);
        Assert.Equal(120_000, polled.RootElement.GetProperty("meta").GetProperty("usage").GetProperty("credits_used").GetDouble());

        var cost = Assert.Single(await sim.LogRowsAsync()).GetProperty("cost");
        Assert.Equal(0.06m, cost.GetProperty("usd").GetDecimal());
        Assert.Equal(120_000, cost.GetProperty("credits").GetInt64());
        Assert.Equal(1000m - 0.06m, sim.State.Balance);
    }

    [Fact]
    public async Task Submit_WithAnotherCostPerSong_ReportsItsCreditsAtTheVendorsRate()
    {
        // The vendor's own example: 2480 credits are $0.00124.
        await using var sim = await SimulatorHarness.StartAsync(o => o.CostPerSong = 0.00124m);

        using var response = await sim.SubmitAsync();

        Assert.Equal("2480", SimulatorHarness.Header(response, Tracing.CreditsUsedHeader));
        Assert.Equal("0.001240000", SimulatorHarness.Header(response, Tracing.UsdSpentHeader));
        using var json = await SimulatorHarness.ReadJsonAsync(response);
        var id = json.RootElement.GetProperty("id").GetString()!;
        sim.Time.Advance(SimulatorHarness.GenerationTime);
        using var polled = await sim.PollJsonAsync(id);
        Assert.Equal(2480, polled.RootElement.GetProperty("meta").GetProperty("usage").GetProperty("credits_used").GetDouble());
    }

    [Fact]
    public async Task Submit_WhenRefused_CarriesAnInferenceIdAndAZeroCost()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.SubmitAsync(prompt: "", clientRequestId: "song-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(Tracing.LooksLikeGenerationId(SimulatorHarness.Header(response, Tracing.InferenceIdHeader)));
        Assert.Equal("song-1", SimulatorHarness.Header(response, Tracing.EchoedClientRequestIdHeader));
        Assert.Equal("0", SimulatorHarness.Header(response, Tracing.CreditsUsedHeader));
        Assert.Equal("0.000000000", SimulatorHarness.Header(response, Tracing.UsdSpentHeader));
        Assert.Empty(sim.State.AcceptedByClientRequestId);
    }

    [Fact]
    public async Task Poll_ForAWellFormedIdItDoesNotKnow_StillCarriesTheInferenceId()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var unknown = $"{Guid.NewGuid()}:minimax-music";

        using var response = await sim.PollAsync(unknown);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(unknown, SimulatorHarness.Header(response, Tracing.InferenceIdHeader));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("906aec79-b0af-40c4-adae-15e6c4410e29")]
    [InlineData("906AEC79-B0AF-40C4-ADAE-15E6C4410E29:minimax-music")]
    [InlineData("906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music\n")]
    [InlineData("906aec79-b0af-40c4-adae-15e6c4410e29:other-model")]
    public async Task Poll_WithAnIdWeCouldNotHaveIssued_LeavesOutTheInferenceId(string id)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.PollAsync(id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(SimulatorHarness.Header(response, Tracing.InferenceIdHeader));
    }

    [Fact]
    public async Task AcceptedByClientRequestId_CountsEveryAcceptedSubmitOfTheSameId_AndTheStatsShowIt()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using (await sim.SubmitAsync(clientRequestId: "twice"))
        using (await sim.SubmitAsync(clientRequestId: "twice"))
        using (await sim.SubmitAsync(clientRequestId: "once"))
        using (await sim.SubmitAsync(prompt: "", clientRequestId: "refused"))
        {
        }

        Assert.Equal(new Dictionary<string, int> { ["twice"] = 2, ["once"] = 1 }, sim.State.AcceptedByClientRequestId);
        using var stats = await sim.GetAsync("__simulator/stats");
        using var json = await SimulatorHarness.ReadJsonAsync(stats);
        var accepted = json.RootElement.GetProperty("acceptedByClientRequestId");
        Assert.Equal(2, accepted.GetProperty("twice").GetInt32());
        Assert.Equal(1, accepted.GetProperty("once").GetInt32());
        Assert.False(accepted.TryGetProperty("refused", out _));
    }
}
