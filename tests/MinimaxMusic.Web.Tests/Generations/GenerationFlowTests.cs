using System.Net;
using System.Net.Http.Headers;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>The real app on Kestrel, the real Refit client over loopback HTTP to the simulator, a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class GenerationFlowTests
{
    private const string Lyrics = "Morning light on the harbour\nGulls above the bay\n\nWe sail at dawn";

    [Fact]
    public async Task Submit_WithValidInput_CompletesWithAudioUrlCreditsAndArchivedAudio()
    {
        await using var env = await SimulatedUpstream.StartAsync();

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.Contains(":minimax-music", song.UpstreamId, StringComparison.Ordinal);
        Assert.StartsWith(env.Simulator.BaseAddress.ToString(), song.AudioUrl, StringComparison.Ordinal);
        Assert.Equal("audio/wav", song.AudioContentType);
        Assert.True(song.AudioFileSize > 44);
        Assert.Equal(120000, song.CreditsUsed);
        Assert.Equal("Morning light on the harbour", song.Title);
        Assert.NotNull(song.ArchivedFileName);
        Assert.Equal(song.AudioFileSize, song.ArchivedSize);
        Assert.Equal(1, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task Poller_KeepsPollingAtTheIntervalAfterAPass_EvenWhenTheMaximumIntervalIsLong()
    {
        // A long MaxInterval must only cap back-off; a song still being generated is polled every Interval.
        await using var env = await SimulatedUpstream.StartAsync(
            configureSimulator: simulator => simulator.GenerationTime = TimeSpan.FromSeconds(2),
            configureApp: settings => settings["Polling:MaxInterval"] = "00:05:00");

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled(), TimeSpan.FromSeconds(60));
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.True(song.PollCount >= 2, $"polled {song.PollCount} times");
    }

    [Fact]
    public async Task Media_ForACompletedSong_ServesTheArchivedAudioWithRangeSupport()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);
        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());

        using var http = env.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/media/{song.Id}");
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(100, bytes.Length);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
    }

    [Fact]
    public async Task Submit_WhenTheKeyIsRefused_FailsSayingTheApiKeyWasRefused()
    {
        await using var env = await SimulatedUpstream.StartAsync(
            apiKey: "wrong-key",
            configureSimulator: o => o.AcceptedKeys = ["the-right-key"]);

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Failed, song.Status);
        Assert.Contains("API key was refused", song.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", song.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_WhenTheAccountIsOutOfCredits_FailsSayingSo()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        env.Simulator.State.Balance = 0m;

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Failed, song.Status);
        Assert.Contains("out of credits", song.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_RetriedAfterA429WithRetryAfter_CreatesExactlyOneUpstreamGeneration()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        env.Simulator.State.ArmSubmitFaults(SimulatedFault.Status(429, retryAfter: TimeSpan.FromSeconds(1)));

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.Equal(2, env.Simulator.State.SubmitRequests);
        Assert.Equal(1, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_AfterA500_IsNotRetriedBecauseTheVendorMayHaveCreatedAPaidGeneration()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        env.Simulator.State.ArmSubmitFaults(SimulatedFault.Status(500));

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Failed, song.Status);
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task Submit_WithLyricsOver600Chars_MakesNoUpstreamCallAndSavesNothing()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        var service = env.App.CreateGenerationService();

        var result = await service.SubmitAsync(new string('a', 601), env.Reference, TestContext.Current.CancellationToken);

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e.Contains("601", StringComparison.Ordinal));
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
        Assert.Equal(0, await env.App.SongCountAsync());
    }

    [Fact]
    public async Task Poll_WhenTheUpstreamReportsAnError_FailsWithTheUpstreamMessage()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        env.Simulator.State.ArmNextGenerationOutcome(GenerationOutcome.Error("ContentPolicy", "The lyrics were rejected by the content policy."));

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Failed, song.Status);
        Assert.Equal("ContentPolicy", song.ErrorName);
        Assert.Equal("The lyrics were rejected by the content policy.", song.ErrorMessage);
    }
}
