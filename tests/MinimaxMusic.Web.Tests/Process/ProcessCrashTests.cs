using System.Net;
using System.Net.Http.Json;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Process;

/// <summary>
/// The published app as a separate process, killed with SIGKILL mid-generation and mid-burst of submits, then started
/// again on the same data directory against the same simulator.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProcessCrashTests(PublishedAppFixture published) : IClassFixture<PublishedAppFixture>, IAsyncLifetime
{
    private const string Lyrics = "[verse]\nThe power went out in the middle of the song\n[chorus]\nBut the tune carried on";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mmw-data-" + Guid.NewGuid().ToString("N"));
    private readonly List<AppProcess> _processes = [];
    // Signed in as the team admin on first use; the cookie stays valid across restarts on the same data directory.
    private HttpClient _http = null!;
    private SimulatorServer _sim = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        _sim = await SimulatorServer.StartAsync(
            new SimulatorOptions { GenerationTime = TimeSpan.FromSeconds(6) }, cancellationToken: Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        _http?.Dispose();
        await _sim.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Killed_mid_generation_the_song_completes_and_is_archived_after_a_restart()
    {
        var app = await StartAppAsync();
        using var response = await _http.PostAsJsonAsync(
            new Uri(app.BaseAddress, "api/generations"), new CreateGenerationRequest(Lyrics, ReferenceUrl.ToString()), Token);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST answered {response.StatusCode}.\n{app.Output}");
        var created = (await response.Content.ReadFromJsonAsync<GenerationDto>(Token))!;

        await WaitForStatusAsync(app, created.Id, TimeSpan.FromSeconds(30), "Queued", "Generating");
        app.Kill();

        var restarted = await StartAppAsync();
        var done = await WaitForStatusAsync(restarted, created.Id, TimeSpan.FromSeconds(60), "Completed");

        Assert.Equal("Completed", done.Status);
        var audio = Path.Combine(_dataDirectory, "audio");
        Assert.True(
            Directory.Exists(audio) && Directory.EnumerateFiles(audio, "*", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 0),
            $"No archived audio under {audio}.\n{restarted.Output}");
        Assert.Equal(1, _sim.State.GenerationsCreated);
    }

    [Fact]
    public async Task Killed_during_a_burst_of_30_submits_every_paid_song_completes_and_every_other_fails_uncharged()
    {
        // The vendor creates each song at once but answers the submit 1.5 s later: a kill mid-burst loses the answers of
        // songs it already has (and charged), while later submits never leave the app.
        await _sim.DisposeAsync();
        _sim = await SimulatorServer.StartAsync(
            new SimulatorOptions { GenerationTime = TimeSpan.FromSeconds(3), SubmitAnswerDelay = TimeSpan.FromSeconds(1.5) },
            cancellationToken: Token);
        var settings = new Dictionary<string, string> { ["Polling__StaleSubmitAge"] = "00:00:02" };
        var app = await StartAppAsync(settings);

        var posts = new List<Task>();
        for (var i = 0; i < 30; i++)
        {
            posts.Add(PostIgnoringTheCrashAsync(app, $"Burst song {i}\nThe power goes out tonight"));
            await Task.Delay(60, Token);
            if (_sim.State.GenerationsCreated >= 8)
            {
                break;
            }
        }

        await WaitUntilAsync(() => _sim.State.GenerationsCreated >= 8, TimeSpan.FromSeconds(30), app);
        app.Kill();
        await Task.WhenAll(posts);
        var killedAt = DateTime.UtcNow;

        // Restarted at once (as `restart: unless-stopped` does), well within StaleSubmitAge of the lost answers.
        Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(5), "the relaunch came more than 5 s after the kill");
        var restarted = await StartAppAsync(settings);
        var songs = await WaitUntilSettledAsync(restarted, TimeSpan.FromSeconds(90));

        var accepted = _sim.State.AcceptedByClientRequestId;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{songs.Count} songs recorded, {accepted.Count} accepted by the simulator, {songs.Count(s => s.Status == "Completed")} completed, "
            + $"{songs.Count(s => s.Status == "Failed")} failed uncharged, {_sim.State.SubmitRequests} submits, {_sim.State.LogRequests} log reads");
        Assert.True(accepted.Count >= 8, $"only {accepted.Count} songs reached the simulator");
        Assert.All(accepted, pair => Assert.Equal(1, pair.Value)); // none was submitted twice
        var byId = songs.ToDictionary(s => s.Id.ToString());
        Assert.All(accepted.Keys, id =>
        {
            // Every song the vendor accepted (and charged) is in the app, completed and saved: no orphans.
            Assert.True(byId.TryGetValue(id, out var song), $"the simulator accepted {id}, the app has no such song");
            Assert.Equal("Completed", song.Status);
            Assert.NotNull(song.ArchivedAtUtc);
        });
        Assert.All(songs.Where(s => !accepted.ContainsKey(s.Id.ToString())), song =>
        {
            Assert.Equal("Failed", song.Status);
            Assert.Contains("nothing was charged", song.ErrorMessage, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(songs, s => s.Status == "Submitting");
        Assert.Equal(_sim.State.GenerationsCreated, songs.Count(s => s.Status == "Completed"));
        // The kill really cut some answers off: at least one song was recovered from the vendor's log.
        Assert.True(_sim.State.LogRequests > 0, "no song needed recovering: the kill did not land mid-submit");
    }

    private async Task PostIgnoringTheCrashAsync(AppProcess app, string lyrics)
    {
        try
        {
            using var _ = await _http.PostAsJsonAsync(
                new Uri(app.BaseAddress, "api/generations"), new CreateGenerationRequest(lyrics, ReferenceUrl.ToString()), Token);
        }
        catch (HttpRequestException)
        {
            // The app was killed while answering.
        }
        catch (TaskCanceledException)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, AppProcess app)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {timeout}.\n{app.Output}");
            await Task.Delay(20, Token);
        }
    }

    /// <summary>Every song, once none is still on its way (final, and saved when completed).</summary>
    private async Task<IReadOnlyList<GenerationDto>> WaitUntilSettledAsync(AppProcess app, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<GenerationDto> songs = [];
        while (DateTime.UtcNow < deadline)
        {
            var page = await _http.GetFromJsonAsync<GenerationPage>(new Uri(app.BaseAddress, "api/generations?pageSize=100"), Token);
            songs = page!.Items;
            if (songs.All(s => s.Status is "Completed" or "Failed" or "TimedOut" && (s.Status != "Completed" || s.ArchivedAtUtc is not null)))
            {
                return songs;
            }

            await Task.Delay(250, Token);
        }

        Assert.Fail($"Songs still on their way after {timeout}: "
            + string.Join(", ", songs.Where(s => s.Status is not ("Completed" or "Failed")).Select(s => $"{s.Id} {s.Status}")) + $"\n{app.Output}");
        return songs;
    }

    private Uri ReferenceUrl => new(_sim.BaseAddress, "samples/reference.wav");

    private async Task<AppProcess> StartAppAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = AppProcess.Start(published.AppDll, _dataDirectory, _sim.BaseAddress, settings);
        _processes.Add(app);
        _http ??= TeamAccount.CreateClient(app.BaseAddress);
        await app.WaitUntilReadyAsync(_http, Token);
        return app;
    }

    private async Task<GenerationDto> WaitForStatusAsync(AppProcess app, Guid id, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        GenerationDto? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await _http.GetFromJsonAsync<GenerationDto>(new Uri(app.BaseAddress, $"api/generations/{id}"), Token);
            // A completed song counts once its audio is saved locally too (that runs just after the status changes).
            if (last is not null && statuses.Contains(last.Status) && (last.Status != "Completed" || last.ArchivedAtUtc is not null))
            {
                return last;
            }

            await Task.Delay(250, Token);
        }

        Assert.Fail($"Song {id} did not reach {string.Join("/", statuses)} within {timeout}; last: {last}.\n{app.Output}");
        return null!;
    }
}
