using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>A busy team: many submits while the poller writes, on one SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task FiftyConcurrentSubmits_WhileThePollerWrites_AllComplete()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: settings => settings["Polling:MaxConcurrency"] = "8");

        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            env.App.CreateGenerationService().SubmitAsync($"Song number {i}\nSung by the team", env.Reference, TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.True(r.Accepted, string.Join("; ", r.Errors)));
        var songs = await Task.WhenAll(results.Select(r =>
            env.App.WaitForAsync(r.GenerationId!.Value, g => g.IsSettled(), TimeSpan.FromSeconds(120))));
        Assert.All(songs, song => Assert.True(song.Status == GenerationStatus.Completed,
            $"{song.Title}: {song.Status} {song.ErrorMessage} {song.LastTransientError}"));
        Assert.Equal(50, env.Simulator.State.GenerationsCreated);
        Assert.All(songs, song => Assert.NotNull(song.ArchivedSha256));
        Assert.Equal(50, songs.Select(s => s.ArchivedFileName).Distinct().Count());
    }
}
