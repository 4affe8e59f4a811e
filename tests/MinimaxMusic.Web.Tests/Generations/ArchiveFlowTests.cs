using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>The real app on Kestrel archiving the simulator's audio over loopback, through the guarded client.</summary>
[Trait("Category", "Integration")]
public sealed class ArchiveFlowTests
{
    private const string Lyrics = "Morning light on the harbour\nGulls above the bay\n\nWe sail at dawn";

    [Fact]
    public async Task CompletedSong_IsArchivedWithTheSimulatorsHashDurationAndWaveform()
    {
        await using var env = await SimulatedUpstream.StartAsync();

        var song = await SubmitAndWaitAsync(env);

        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.True(song.IsArchived, song.LastArchiveError);
        using var cdn = new HttpClient();
        var original = await cdn.GetByteArrayAsync(song.AudioUrl, TestContext.Current.CancellationToken);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(original)), song.ArchivedSha256);
        Assert.Equal(original.Length, song.ArchivedSize);
        var archived = await File.ReadAllBytesAsync(
            Path.Combine(env.App.DataDirectory, "audio", song.ArchivedFileName!), TestContext.Current.CancellationToken);
        Assert.Equal(original, archived);
        Assert.Equal(LyricsSynthesizer.Duration(song.Lyrics).TotalSeconds, song.DurationSeconds!.Value, 0.05);
        Assert.Equal(Waveform.DefaultBucketCount, song.WaveformPeaks!.Length);
        Assert.Contains(song.WaveformPeaks, p => p > 0);
        Assert.Equal(1, song.ArchiveAttempts);
        Assert.Null(song.NextArchiveAtUtc);
        Assert.Null(song.LastArchiveError);
        Assert.Empty(Directory.GetFiles(Path.Combine(env.App.DataDirectory, "audio"), "*.part"));
    }

    [Fact]
    public async Task Media_AfterTheCdnLinkExpires_StillServesTheArchivedSongWithRangeAndETag()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        env.Simulator.State.ArmNextGenerationOutcome(GenerationOutcome.ExpiringAudio(TimeSpan.FromSeconds(1)));
        var song = await SubmitAndWaitAsync(env);
        Assert.True(song.IsArchived, song.LastArchiveError);
        await WaitUntilExpiredAsync(song.AudioUrl!);

        using var http = env.App.CreateClient();
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/media/{song.Id}");
        ranged.Headers.Range = new RangeHeaderValue(0, 99);
        using var response = await http.SendAsync(ranged, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
        Assert.Equal($"\"{song.ArchivedSha256}\"", response.Headers.ETag?.Tag);
        Assert.NotNull(response.Content.Headers.LastModified);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/media/{song.Id}");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await http.SendAsync(conditional, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var download = await http.GetAsync($"/media/{song.Id}?download=true", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{song.Title}.wav", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(song.ArchivedSize, (await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
    }

    [Fact]
    public async Task ArchiveDownload_ThatFails_KeepsTheSongCompletedSchedulesARetryAndMediaRedirects()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        env.Simulator.State.ArmNextGenerationOutcome(GenerationOutcome.ExpiringAudio(TimeSpan.Zero));

        var song = await SubmitAndWaitAsync(env);

        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.False(song.IsArchived);
        Assert.Null(song.ArchivedFileName);
        Assert.Contains("403", song.LastArchiveError, StringComparison.Ordinal);
        Assert.True(song.ArchiveAttempts >= 1);
        Assert.True(song.NextArchiveAtUtc > DateTime.UtcNow, $"next attempt at {song.NextArchiveAtUtc:O}");

        using var http = env.App.CreateClientWithoutRedirects();
        using var response = await http.GetAsync($"/media/{song.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(song.AudioUrl, response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Poller_RetriesAnArchiveThatIsDue_AndArchivesTheSong()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        var song = await SubmitAndWaitAsync(env);
        var expectedSha = song.ArchivedSha256;
        // Turn it into a song whose first archive attempt failed and whose retry is due now.
        File.Delete(Path.Combine(env.App.DataDirectory, "audio", song.ArchivedFileName!));
        var factory = env.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var dueAt = DateTime.UtcNow.AddSeconds(-1);
            await db.Generations.Where(g => g.Id == song.Id).ExecuteUpdateAsync(
                set => set
                    .SetProperty(g => g.ArchivedFileName, (string?)null)
                    .SetProperty(g => g.ArchivedAtUtc, (DateTime?)null)
                    .SetProperty(g => g.ArchivedSha256, (string?)null)
                    .SetProperty(g => g.LastArchiveError, "the download failed: the server answered 503 Service Unavailable")
                    .SetProperty(g => g.NextArchiveAtUtc, dueAt),
                TestContext.Current.CancellationToken);
        }

        env.App.Services.GetRequiredService<PollerSignal>().Wake();
        var retried = await env.App.WaitForAsync(song.Id, g => g.IsArchived);

        Assert.Equal(expectedSha, retried.ArchivedSha256);
        Assert.Equal(2, retried.ArchiveAttempts);
        Assert.Null(retried.LastArchiveError);
        Assert.Null(retried.NextArchiveAtUtc);
        Assert.True(File.Exists(Path.Combine(env.App.DataDirectory, "audio", retried.ArchivedFileName!)));
    }

    private static async Task<Generation> SubmitAndWaitAsync(SimulatedUpstream env)
    {
        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);
        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        return await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
    }

    /// <summary>Waits for the simulator's CDN to refuse the link, so the test proves the app no longer needs it.</summary>
    private static async Task WaitUntilExpiredAsync(string audioUrl)
    {
        using var cdn = new HttpClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            using var response = await cdn.GetAsync(audioUrl, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }
}
