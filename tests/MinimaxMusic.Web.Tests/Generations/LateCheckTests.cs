using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>
/// The real poller on a fake clock against the simulator on the real one: a song that finishes after the
/// timeout is found by a late check, and nothing is sent in between.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LateCheckTests
{
    private const string Lyrics = "Morning light on the harbour\nGulls above the bay\n\nWe sail at dawn";

    [Fact]
    public async Task ASongThatFinishesAfterTheTimeout_IsFoundByTheFirstLateCheck_WithNoPollsInBetween()
    {
        var ct = TestContext.Current.CancellationToken;
        // Two fake clocks: the app's decides when it polls, the simulator's when the song is done.
        var vendorClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var simulator = await SimulatorServer.StartAsync(
            new SimulatorOptions { GenerationTime = TimeSpan.FromSeconds(60) }, time: vendorClock, cancellationToken: ct);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = TestApp.FastPolling();
        settings["AimlApi:BaseUrl"] = simulator.BaseAddress.ToString();
        settings["AimlApi:ApiKey"] = "test-key";
        settings["Polling:Timeout"] = "00:00:01";
        await using var app = new FakeClockApp(settings, clock);
        var reference = new Uri(simulator.BaseAddress, SimulatorEndpoints.SampleReferencePath.TrimStart('/')).ToString();

        var result = await app.CreateGenerationService().SubmitAsync(Lyrics, reference, ct);
        var id = result.GenerationId!.Value;

        // One second on the app's clock: the first check finds the song still running and times it out.
        clock.Advance(TimeSpan.FromSeconds(1));
        var timedOut = await app.WaitForAsync(id, g => g.IsSettled());
        Assert.Equal(GenerationStatus.TimedOut, timedOut.Status);
        Assert.Equal(1, simulator.State.PollRequests);
        Assert.Equal(timedOut.SubmittedAtUtc!.Value + TimeSpan.FromSeconds(1) + TimeSpan.FromMinutes(15), timedOut.NextPollAtUtc);

        // The vendor finishes late; the app's clock moves to just before the late check: nothing is sent yet.
        vendorClock.Advance(TimeSpan.FromMinutes(2));
        clock.Advance(TimeSpan.FromMinutes(14));
        // Proving a negative needs a moment of real time for the poller's pass; a slow machine can only hide a bug here, never invent one.
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        var stillTimedOut = await app.CreateGenerationService().GetAsync(id, ct);
        Assert.Equal(GenerationStatus.TimedOut, stillTimedOut!.Status);
        Assert.Equal(1, simulator.State.PollRequests);

        clock.Advance(TimeSpan.FromMinutes(1));
        var song = await app.WaitForAsync(id, g => g.Status == GenerationStatus.Completed);
        Assert.Equal(2, song.PollCount);
        Assert.Equal(2, simulator.State.PollRequests);
        Assert.Null(song.ErrorMessage);
        Assert.Null(song.NextPollAtUtc);
        Assert.Equal(1, simulator.State.GenerationsCreated);
    }
}
