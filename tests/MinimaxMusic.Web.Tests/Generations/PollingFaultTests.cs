using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>The real poller against the simulator's fault modes: each song ends in the right state, with one submit.</summary>
[Trait("Category", "Integration")]
public sealed class PollingFaultTests
{
    private const string Lyrics = "Morning light on the harbour\nGulls above the bay\n\nWe sail at dawn";

    [Fact]
    public async Task Poll_AnsweredWith429_HoldsBackEveryPollUntilRetryAfter_ThenBothSongsComplete()
    {
        // One poll in flight at a time, so "no poll after the 429" cannot be confused with one already on the wire.
        await using var env = await SimulatedUpstream.StartAsync(configureApp: settings => settings["Polling:MaxConcurrency"] = "1");
        env.Simulator.State.ArmPollFaults(SimulatedFault.Status(429, retryAfter: TimeSpan.FromSeconds(2)));
        var service = env.App.CreateGenerationService();
        var backoff = env.App.Services.GetRequiredService<UpstreamBackoff>();
        var ct = TestContext.Current.CancellationToken;

        var first = await service.SubmitAsync(Lyrics, env.Reference, ct);
        var second = await service.SubmitAsync(Lyrics + "\nAnd home by night", env.Reference, ct);

        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            wait.CancelAfter(TimeSpan.FromSeconds(30));
            while (!backoff.IsBlocked)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), wait.Token);
            }
        }

        // Observed while blocked: the 429 itself is already counted, and nothing may follow it until the block ends.
        var pollsAtThe429 = env.Simulator.State.PollRequests;
        var blockedUntil = backoff.BlockedUntil;
        Assert.InRange(blockedUntil - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromSeconds(2.1));
        var almostOver = blockedUntil - TimeSpan.FromMilliseconds(300) - DateTimeOffset.UtcNow;
        if (almostOver > TimeSpan.Zero)
        {
            await Task.Delay(almostOver, ct);
        }

        Assert.Equal(pollsAtThe429, env.Simulator.State.PollRequests);

        var songs = new[]
        {
            await env.App.WaitForAsync(first.GenerationId!.Value, g => g.IsSettled()),
            await env.App.WaitForAsync(second.GenerationId!.Value, g => g.IsSettled()),
        };
        Assert.All(songs, song => Assert.Equal(GenerationStatus.Completed, song.Status));
        var limited = Assert.Single(songs, song => song.TransientErrorCount > 0);
        Assert.Equal(1, limited.TransientErrorCount);
        Assert.Contains("429", limited.LastTransientError, StringComparison.Ordinal);
        Assert.True(env.Simulator.State.PollRequests > pollsAtThe429);
        Assert.Equal(2, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task Poll_AfterABurstOf500s_KeepsGoingAndCompletes_CountingEachFailure()
    {
        await using var env = await StartWithoutClientRetriesAsync();
        env.Simulator.State.ArmPollFaults(SimulatedFault.Status(500), SimulatedFault.Status(500), SimulatedFault.Status(500));

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.Equal(3, song.TransientErrorCount);
        Assert.Contains("500", song.LastTransientError, StringComparison.Ordinal);
        Assert.Null(song.ErrorMessage);
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
        Assert.Equal(1, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task Poll_AnsweredWithMalformedJson_KeepsGoingAndCompletes_CountingTheFailure()
    {
        await using var env = await StartWithoutClientRetriesAsync();
        env.Simulator.State.ArmPollFaults(SimulatedFault.MalformedJson());

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.Equal(1, song.TransientErrorCount);
        Assert.False(string.IsNullOrWhiteSpace(song.LastTransientError));
        Assert.Equal(1, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task ASongThatNeverCompletes_TimesOutWithAClearMessage_AndKeepsALateCheckScheduled()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: settings => settings["Polling:Timeout"] = "00:00:02");
        env.Simulator.State.ArmNextGenerationOutcome(GenerationOutcome.NeverComplete);

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.TimedOut, song.Status);
        Assert.Equal(
            "No result from the AIML service after 2 seconds; it will be checked a few more times in case it finishes late.",
            song.ErrorMessage);
        Assert.Equal(song.SubmittedAtUtc!.Value + TimeSpan.FromSeconds(2) + TimeSpan.FromMinutes(15), song.NextPollAtUtc);
        Assert.Equal(1, env.Simulator.State.GenerationsCreated);
    }

    // GET retries inside the client would absorb the faults before the poller sees them.
    private static Task<SimulatedUpstream> StartWithoutClientRetriesAsync() =>
        SimulatedUpstream.StartAsync(configureApp: settings => settings["AimlApi:MaxRetries"] = "0");
}
