using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>Armed faults: consumed in order by the next matching request, and never creating or charging a generation.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Submit_WithA429Armed_Answers429WithRetryAfterAndCreatesNothingAndTheNextSubmitSucceeds()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var balance = sim.State.Balance;
        sim.State.ArmSubmitFaults(SimulatedFault.Status(429, retryAfter: TimeSpan.FromSeconds(2)));

        using (var refused = await sim.SubmitAsync())
        {
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            Assert.Equal(["2"], refused.Headers.GetValues("Retry-After"));
            await sim.AssertVendorErrorAsync(refused, HttpStatusCode.TooManyRequests, SimulatorEndpoints.SubmitPath);
        }

        Assert.Equal(0, sim.State.GenerationsCreated);
        Assert.Equal(balance, sim.State.Balance);

        using var accepted = await sim.SubmitAsync();
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(1, sim.State.GenerationsCreated);
        Assert.Equal(2, sim.State.SubmitRequests);
    }

    [Fact]
    public async Task Submit_WithARetryAfterOfAFractionOfASecond_RoundsTheHeaderUpToWholeSeconds()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmSubmitFaults(SimulatedFault.Status(429, retryAfter: TimeSpan.FromMilliseconds(1500)));

        using var refused = await sim.SubmitAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(["2"], refused.Headers.GetValues("Retry-After"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Submit_WithATransientStatusArmed_AnswersItWithTheErrorBodyAndCreatesNothing(int status)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmSubmitFaults(SimulatedFault.Status(status));

        using var response = await sim.SubmitAsync();

        await sim.AssertVendorErrorAsync(response, (HttpStatusCode)status, SimulatorEndpoints.SubmitPath);
        Assert.False(response.Headers.Contains("Retry-After"));
        Assert.Equal(0, sim.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_WithSeveralFaultsArmed_AnswersThemInOrderThenSucceeds()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmSubmitFaults(SimulatedFault.Status(429, TimeSpan.FromSeconds(1)), SimulatedFault.Status(503));

        using var first = await sim.SubmitAsync();
        using var second = await sim.SubmitAsync();
        using var third = await sim.SubmitAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal(1, sim.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_FaultsAreNotConsumedByPolls()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        sim.State.ArmSubmitFaults(SimulatedFault.Status(503));

        using var poll = await sim.PollAsync(id);
        using var submit = await sim.SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, submit.StatusCode);
    }

    [Fact]
    public async Task Poll_WithMalformedJsonArmed_AnswersABodyThatIsNotJsonAndTheNextPollIsFine()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        sim.State.ArmPollFaults(SimulatedFault.MalformedJson());

        using (var broken = await sim.PollAsync(id))
        {
            Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
            var text = await broken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text).Dispose());
        }

        using var json = await sim.PollJsonAsync(id);
        Assert.Equal(id, json.RootElement.GetProperty("id").GetString());
        Assert.Equal("queued", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Poll_WithA500Armed_Answers500WithTheErrorBodyAndTheNextPollIsFine()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        sim.State.ArmPollFaults(SimulatedFault.Status(500));

        using (var failed = await sim.PollAsync(id))
        {
            await sim.AssertVendorErrorAsync(failed, HttpStatusCode.InternalServerError, SimulatorEndpoints.SubmitPath);
        }

        using var json = await sim.PollJsonAsync(id);
        Assert.Equal("queued", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Poll_FaultsAreNotConsumedBySubmits()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmPollFaults(SimulatedFault.Status(500));

        var id = await sim.SubmitAcceptedAsync();
        using var poll = await sim.PollAsync(id);

        Assert.Equal(HttpStatusCode.InternalServerError, poll.StatusCode);
    }

    [Fact]
    public async Task Reset_ClearsArmedFaultsGenerationsCountersAndBalance()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.StartingBalance = 5m);
        var id = await sim.SubmitAcceptedAsync();
        sim.State.ArmSubmitFaults(SimulatedFault.Status(503));
        sim.State.ArmPollFaults(SimulatedFault.Status(500));

        sim.State.Reset();

        Assert.Equal(0, sim.State.SubmitRequests);
        Assert.Equal(0, sim.State.GenerationsCreated);
        Assert.Equal(5m, sim.State.Balance);
        using var poll = await sim.PollAsync(id);
        await sim.AssertVendorErrorAsync(poll, HttpStatusCode.NotFound, SimulatorEndpoints.SubmitPath);
        using var submit = await sim.SubmitAsync();
        Assert.Equal(HttpStatusCode.Created, submit.StatusCode);
    }
}
