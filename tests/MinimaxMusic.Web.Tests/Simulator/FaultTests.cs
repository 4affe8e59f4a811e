using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>Armed faults: consumed in order by the next matching request, and never creating or charging a generation.</summary>
[Trait("Category", "Integration")]
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
    public async Task Submit_WithLoseAnswerArmed_DropsTheConnectionYetCreatesChargesAndLogsTheGeneration()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.StartingBalance = 1m;
            o.CostPerSong = 0.06m;
        });
        sim.State.ArmSubmitFaults(SimulatedFault.LoseAnswer());

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.SubmitAsync(clientRequestId: "song-1"));

        Assert.Equal(1, sim.State.SubmitRequests);
        Assert.Equal(1, sim.State.GenerationsCreated);
        Assert.Equal(0.94m, sim.State.Balance);
        Assert.Equal(1, sim.State.AcceptedByClientRequestId["song-1"]);
        var row = Assert.Single(await sim.LogRowsAsync());
        Assert.Equal("succeeded", row.GetProperty("status").GetString());
        Assert.Equal("song-1", row.GetProperty("client_request_id").GetString());
        Assert.Equal(120_000, row.GetProperty("cost").GetProperty("credits").GetInt64());

        // The log is how the lost id is found again, and it is a generation that can be polled to the end.
        var id = row.GetProperty("inference_id").GetString()!;
        var audio = await sim.CompleteAndGetAudioUrlAsync(id);
        Assert.NotNull(audio);
    }

    [Fact]
    public async Task Submit_WithLoseAnswerArmedOnAReusedConnection_IsNotSentASecondTimeByTheHttpStack()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.SubmitAcceptedAsync();
        sim.State.ArmSubmitFaults(SimulatedFault.LoseAnswer());

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.SubmitAsync(clientRequestId: "song-2"));

        Assert.Equal(2, sim.State.SubmitRequests);
        Assert.Equal(2, sim.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_StalledUntilTheClientGivesUp_CreatesNothingChargesNothingAndLogsAFailedRow()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var balance = sim.State.Balance;
        sim.State.ArmSubmitFaults(SimulatedFault.Stall(TimeSpan.FromMinutes(1)));

        await sim.SubmitThenGiveUpAsync("song-3");

        // The server sees the abort on its own schedule.
        await SimulatorHarness.WaitUntilAsync(() => sim.State.RequestLog.Count > 0);
        var row = Assert.Single(await sim.LogRowsAsync());
        Assert.Equal("failed", row.GetProperty("status").GetString());
        Assert.Equal("song-3", row.GetProperty("client_request_id").GetString());
        Assert.Equal(0, row.GetProperty("cost").GetProperty("usd").GetDecimal());
        Assert.Equal(0, sim.State.GenerationsCreated);
        Assert.Equal(balance, sim.State.Balance);
        Assert.Empty(sim.State.AcceptedByClientRequestId);
    }

    [Fact]
    public async Task Submit_StalledAndWaitedOut_CreatesTheGeneration()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmSubmitFaults(SimulatedFault.Stall(TimeSpan.FromSeconds(30)));

        var submit = sim.SubmitAsync(clientRequestId: "song-4");
        // The stall's timer starts when the request arrives: keep moving the clock until it has passed.
        while (!submit.IsCompleted)
        {
            sim.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(submit, Task.Delay(20, TestContext.Current.CancellationToken));
        }

        using var response = await submit;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, sim.State.GenerationsCreated);
        Assert.Equal("succeeded", Assert.Single(await sim.LogRowsAsync("period=1d")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Logs_WithFailuresArmed_AnswerThemInOrderThenListTheRequestsAgain()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.SubmitAcceptedAsync();
        sim.State.ArmLogFaults(SimulatedFault.Status(500), SimulatedFault.Status(503));

        using (var first = await sim.LogsAsync("period=1h"))
        {
            await sim.AssertVendorErrorAsync(first, HttpStatusCode.InternalServerError, "/v2/logs");
        }

        using (var second = await sim.LogsAsync("period=1h"))
        {
            await sim.AssertVendorErrorAsync(second, HttpStatusCode.ServiceUnavailable, "/v2/logs");
        }

        Assert.Single(await sim.LogRowsAsync());
        Assert.Equal(3, sim.State.LogRequests);
    }

    [Fact]
    public async Task Logs_FaultsAreNotConsumedBySubmitsOrPolls()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmLogFaults(SimulatedFault.Status(500));

        var id = await sim.SubmitAcceptedAsync();
        using var poll = await sim.PollAsync(id);
        using var logs = await sim.LogsAsync("period=1h");

        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, logs.StatusCode);
    }

    [Fact]
    public async Task Reset_ClearsArmedFaultsGenerationsCountersAndBalance()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.StartingBalance = 5m);
        var id = await sim.SubmitAcceptedAsync();
        using (await sim.SubmitAsync(clientRequestId: "song-1"))
        {
        }

        sim.State.ArmSubmitFaults(SimulatedFault.Status(503));
        sim.State.ArmPollFaults(SimulatedFault.Status(500));
        sim.State.ArmLogFaults(SimulatedFault.Status(500));

        sim.State.Reset();

        Assert.Equal(0, sim.State.SubmitRequests);
        Assert.Equal(0, sim.State.GenerationsCreated);
        Assert.Empty(sim.State.AcceptedByClientRequestId);
        Assert.Empty(sim.State.RequestLog);
        Assert.Empty(await sim.LogRowsAsync());
        Assert.Equal(5m, sim.State.Balance);
        using var poll = await sim.PollAsync(id);
        await sim.AssertVendorErrorAsync(poll, HttpStatusCode.NotFound, SimulatorEndpoints.SubmitPath);
        using var submit = await sim.SubmitAsync();
        Assert.Equal(HttpStatusCode.Created, submit.StatusCode);
    }
}
