using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>
/// A paid song is never lost, even when the submit's answer is: songs whose answer never arrived are found again by
/// their client request id in the vendor's request log (the simulator's, which follows the vendor's contract).
/// </summary>
[Trait("Category", "Integration")]
public sealed class SubmitRecoveryTests
{
    private const string Lyrics = "Morning light\nOn the bay";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALostAnswer_IsFoundInTheRequestLog_AndTheSongCompletesAndIsSaved_WithoutASecondSubmit()
    {
        await using var env = await StartAsync();
        env.Simulator.State.ArmSubmitFaults(SimulatedFault.LoseAnswer());

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, Token);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.True(song.IsArchived);
        var accepted = Assert.Single(env.Simulator.State.AcceptedByClientRequestId);
        Assert.Equal((song.Id.ToString(), 1), (accepted.Key, accepted.Value));
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
        // What the log says it cost is kept with the song.
        Assert.Equal(0.06m, song.UsdSpent);
    }

    [Fact]
    public async Task ASubmitThatTimesOut_IsNotResent_AndFailsSayingNothingWasCharged_WhenTheLogListsItAsFailed()
    {
        await using var env = await StartAsync(settings => settings["AimlApi:RequestTimeout"] = "00:00:01");
        // The client gives up first; the vendor then drops the request (the log lists it as failed, at no cost).
        env.Simulator.State.ArmSubmitFaults(SimulatedFault.Stall(TimeSpan.FromSeconds(3)));

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, Token);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Failed, song.Status);
        Assert.Contains("nothing was charged", song.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
        Assert.Empty(env.Simulator.State.AcceptedByClientRequestId);
    }

    [Fact]
    public async Task AnUnreadableLog_IsReadAgain_AndTheSongIsRecoveredOnceItCanBeRead()
    {
        await using var env = await StartAsync();
        env.Simulator.State.ArmSubmitFaults(SimulatedFault.LoseAnswer());
        // Two lookups' worth of 500s (each read is tried 1 + 3 times by the client).
        env.Simulator.State.ArmLogFaults([.. Enumerable.Range(0, 8).Select(_ => SimulatedFault.Status(500))]);

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, Token);

        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Completed, song.Status);
        // The lost answer and the unreadable reads were counted and shown while it waited.
        Assert.True(song.TransientErrorCount >= 2, $"{song.TransientErrorCount} transient errors");
        Assert.Equal(1, env.Simulator.State.AcceptedByClientRequestId[song.Id.ToString()]);
    }

    [Fact]
    public async Task ASongLeftSubmitting_ThatTheLogNeverLists_FailsAsNeverSent_AndIsNotSubmitted()
    {
        await using var env = await StartAsync();
        var song = await SeedSubmittingAsync(env, DateTime.UtcNow.AddSeconds(-5));

        var settled = await env.App.WaitForAsync(song.Id, g => g.IsFinal);

        Assert.Equal(GenerationStatus.Failed, settled.Status);
        Assert.Equal("NeverSent", settled.ErrorName);
        Assert.Contains("never reached the AIML service", settled.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
        // The grace period: several lookups missed it before it was given up.
        Assert.True(env.Simulator.State.LogRequests >= 4, $"{env.Simulator.State.LogRequests} log reads");
    }

    [Fact]
    public async Task ALogThatCannotBeReadUntilTheTimeout_FailsTheSong_SayingItMayHaveBeenCharged_WithItsRequestId()
    {
        await using var env = await StartAsync(settings => settings["Polling:Timeout"] = "00:00:03");
        env.Simulator.State.ArmLogFaults([.. Enumerable.Range(0, 400).Select(_ => SimulatedFault.Status(503))]);
        var song = await SeedSubmittingAsync(env, DateTime.UtcNow.AddSeconds(-1));

        var settled = await env.App.WaitForAsync(song.Id, g => g.IsFinal);

        Assert.Equal(GenerationStatus.Failed, settled.Status);
        Assert.Equal("SubmitOutcomeUnknown", settled.ErrorName);
        Assert.Contains("may have been charged", settled.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(song.Id.ToString(), settled.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    private static Task<SimulatedUpstream> StartAsync(Action<Dictionary<string, string?>>? configure = null) =>
        SimulatedUpstream.StartAsync(configureApp: settings =>
        {
            settings["Polling:StaleSubmitAge"] = "00:00:01";
            configure?.Invoke(settings);
        });

    /// <summary>A song recorded as Submitting by a process that died before (or while) sending it.</summary>
    private static async Task<Generation> SeedSubmittingAsync(SimulatedUpstream env, DateTime createdAtUtc)
    {
        var song = new SongBuilder
        {
            Status = GenerationStatus.Submitting, Lyrics = Lyrics, CreatedAtUtc = createdAtUtc, LookUpAtUtc = createdAtUtc,
        }.Build();
        await using var db = await env.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Token);
        db.Generations.Add(song);
        await db.SaveChangesAsync(Token);
        env.App.Services.GetRequiredService<MinimaxMusic.Web.Features.Generations.PollerSignal>().Wake();
        return song;
    }
}
