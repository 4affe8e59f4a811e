using System.Net;
using System.Net.Http.Json;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Process;

/// <summary>
/// Issue 4: the published app as a separate process, killed with SIGKILL mid-generation and mid-submit, then started
/// again on the same data directory against the same simulator.
/// </summary>
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
    public async Task Killed_during_submit_the_row_ends_failed_with_the_reason_after_a_restart()
    {
        _sim.State.ArmSubmitFaults(SimulatedFault.Stall(TimeSpan.FromSeconds(30)));
        var app = await StartAppAsync();

        // The submit hangs at the simulator, so the POST never answers before the kill.
        var post = _http.PostAsJsonAsync(
            new Uri(app.BaseAddress, "api/generations"), new CreateGenerationRequest(Lyrics, ReferenceUrl.ToString()), Token);
        var submitting = await WaitForListedAsync(app, "Submitting", TimeSpan.FromSeconds(30));
        app.Kill();
        try
        {
            using var _ = await post;
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }

        // Start-up only fails Submitting rows older than one minute (a fresher one may still be answered elsewhere).
        var age = DateTime.UtcNow - DateTime.SpecifyKind(submitting.CreatedAtUtc, DateTimeKind.Utc);
        var wait = TimeSpan.FromSeconds(62) - age;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Token);
        }

        var restarted = await StartAppAsync();
        var failed = await WaitForStatusAsync(restarted, submitting.Id, TimeSpan.FromSeconds(30), "Failed");

        Assert.Equal("Failed", failed.Status);
        Assert.Equal("the app stopped while submitting; no generation id was received", failed.ErrorMessage);
        Assert.Equal(0, _sim.State.GenerationsCreated);
    }

    private Uri ReferenceUrl => new(_sim.BaseAddress, "samples/reference.wav");

    private async Task<AppProcess> StartAppAsync()
    {
        var app = AppProcess.Start(published.AppDll, _dataDirectory, _sim.BaseAddress);
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

    private async Task<GenerationDto> WaitForListedAsync(AppProcess app, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var page = await _http.GetFromJsonAsync<GenerationPage>(
                new Uri(app.BaseAddress, $"api/generations?status={status}"), Token);
            if (page?.Items.Count > 0)
            {
                return page.Items[0];
            }

            await Task.Delay(100, Token);
        }

        Assert.Fail($"No song was listed as {status} within {timeout}.\n{app.Output}");
        return null!;
    }
}
