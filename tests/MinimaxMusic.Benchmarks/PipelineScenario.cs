using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Benchmarks;

/// <summary>A polling schedule in vendor time (scale 1); the run multiplies every value by the time scale.</summary>
internal sealed record Schedule(string Name, TimeSpan InitialDelay, TimeSpan Interval, TimeSpan MaxInterval, TimeSpan ExpectedDuration, TimeSpan Timeout, int MaxConcurrency)
{
    /// <summary>The app's code defaults, read from PollingOptions itself so the row follows any change to them.</summary>
    public static Schedule Defaults()
    {
        var o = new PollingOptions();
        return new("default", o.InitialDelay, o.Interval, o.MaxInterval, o.ExpectedDuration, o.Timeout, o.MaxConcurrency);
    }

    /// <summary>The vendor's sample client: poll at once, then every 10 s, no back-off, give up after 10 minutes.</summary>
    public static Schedule VendorNaive()
    {
        var o = new PollingOptions();
        return new("vendor-naive", TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), o.ExpectedDuration, TimeSpan.FromMinutes(10), o.MaxConcurrency);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"InitialDelay {InitialDelay.TotalSeconds:0.#}s, Interval {Interval.TotalSeconds:0.#}s, MaxInterval {MaxInterval.TotalSeconds:0.#}s, ExpectedDuration {ExpectedDuration.TotalSeconds:0.#}s, Timeout {Timeout.TotalMinutes:0.#}min, MaxConcurrency {MaxConcurrency}");

    public Dictionary<string, string?> ToSettings(double scale) => new()
    {
        ["Polling:InitialDelay"] = Scaled(InitialDelay, scale),
        ["Polling:Interval"] = Scaled(Interval, scale),
        ["Polling:MaxInterval"] = Scaled(MaxInterval, scale),
        ["Polling:ExpectedDuration"] = Scaled(ExpectedDuration, scale),
        ["Polling:Timeout"] = Scaled(Timeout, scale),
        ["Polling:MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
    };

    private static string Scaled(TimeSpan value, double scale) =>
        TimeSpan.FromTicks((long)(value.Ticks * scale)).ToString("c", CultureInfo.InvariantCulture);
}

internal sealed record PipelineResult(
    string Schedule,
    int Songs,
    double Scale,
    int Completed,
    int Failed,
    int TimedOut,
    int Archived,
    int SubmitErrors,
    int Unfinished,
    double GetsPerSongMean,
    double GetsPerSongP95,
    double GetsPerSongMax,
    double LagP50,
    double LagP95,
    double LagMax,
    double AppLagP95,
    double ArchiveP50,
    double ArchiveP95,
    long PollerPasses,
    double PassSelectsPerPass,
    double SelectsPerPassPolling,
    double UpdatesPerPoll,
    double SubmitSeconds,
    double WallSeconds,
    double AppCpuSeconds,
    double ToolsCpuSeconds,
    double SimulatorCpuSeconds,
    double PeakWorkingSetMb,
    IReadOnlyDictionary<string, int> CommandsDuringPolling);

/// <summary>
/// End to end: the simulator (own process, realistic 50–60 s songs plus a slow 10 % up to 90 s, all times scaled)
/// and the real app on Kestrel with a polling schedule scaled by the same factor. 1,000 songs are submitted at once
/// through POST /api/generations; the run ends when every song is final (completed songs are archived first).
/// </summary>
internal static class PipelineScenario
{
    public static async Task<PipelineResult> RunAsync(Schedule schedule, int songs, double scale, TextWriter log, bool analyseAudio, TimeSpan deadline)
    {
        log.WriteLine($"== pipeline: {schedule.Name} ({schedule.Describe()}), {songs} songs, time scale {scale.ToString(CultureInfo.InvariantCulture)}, ffprobe/ffmpeg analysis {(analyseAudio ? "on" : "off")}");
        var simulatorOptions = new SimulatorOptions
        {
            GenerationTime = TimeSpan.FromSeconds(50),
            GenerationTimeMax = TimeSpan.FromSeconds(60),
            SlowShare = 0.10,
            SlowGenerationTimeMax = TimeSpan.FromSeconds(90),
            Seed = 1,
            TimeScale = scale,
            StartingBalance = 1_000_000m,
        };
        await using var simulator = await SimulatorProcess.StartAsync(simulatorOptions);

        using var commands = new DbCommandCounter();
        using var meters = new AppMeters();
        var settings = schedule.ToSettings(scale);
        settings["AimlApi:BaseUrl"] = simulator.BaseAddress.ToString();
        settings["AimlApi:ApiKey"] = "benchmark-key";
        // The simulator and its sample reference live on loopback.
        settings["Security:AllowPrivateNetworkUrls"] = "true";
        if (!analyseAudio)
        {
            // An ffmpeg folder that does not exist: songs are archived without duration and waveform (no child processes).
            settings["Media:FfmpegFolder"] = Path.Combine(Path.GetTempPath(), "no-ffmpeg-here");
        }
        await using var app = new BenchmarkApp(settings);

        var final = new ConcurrentDictionary<Guid, GenerationStatus>();
        var allFinal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Notifier.Subscribe(change =>
        {
            if (change.Status is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.TimedOut
                && final.TryAdd(change.Id, change.Status) && final.Count >= songs)
            {
                allFinal.TrySetResult();
            }

            return Task.CompletedTask;
        });

        // Check the reference once first, as the Create page does before Generate; the result is cached (10 minutes).
        // Without this, 1,000 simultaneous submits each download the reference at once (no single-flight), the
        // downloads time out, and the failed check is cached for a minute: see README, "Findings".
        await using (var scope = app.CreateScope())
        {
            var check = await scope.ServiceProvider.GetRequiredService<ReferenceLibrary>().CheckAsync(simulator.SampleReference);
            if (!check.IsUsable)
            {
                throw new InvalidOperationException($"The sample reference was refused: {check.Problem}");
            }
        }

        using var http = await TeamSignIn.CreateClientAsync(app.BaseAddress, maxConnections: 256);
        commands.Reset();
        // The start-up pass ran before the reset; passes are counted from here too, so the ratio compares like with like.
        var passesAtReset = meters.Passes;
        var simulatorCpuAtStart = simulator.CpuTime;
        var childrenCpuAtStart = ChildProcessCpu();
        await using var resources = new ResourceSampler();
        var wall = Stopwatch.StartNew();

        var submitErrors = 0;
        await Task.WhenAll(Enumerable.Range(0, songs).Select(async i =>
        {
            using var response = await http.PostAsJsonAsync("api/generations", new { lyrics = SongLyrics.For(i), referenceAudioUrl = simulator.SampleReference });
            if (!response.IsSuccessStatusCode)
            {
                if (Interlocked.Increment(ref submitErrors) <= 3)
                {
                    log.WriteLine($"submit {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        var submitSeconds = wall.Elapsed.TotalSeconds;
        var atSubmitEnd = commands.Snapshot();
        var passesAtSubmitEnd = meters.Passes;
        var pollsAtSubmitEnd = meters.PollCalls;
        log.WriteLine($"submitted {songs - submitErrors}/{songs} in {submitSeconds:0.0}s; waiting for all to finish");

        var accepted = songs - submitErrors;
        if (final.Count < accepted)
        {
            // Every accepted song ends Completed, Failed or TimedOut within Polling:Timeout (+ archiving); the run
            // stops at the deadline regardless and reports how many were still unfinished.
            _ = Task.Run(async () =>
            {
                while (!allFinal.Task.IsCompleted)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10));
                    log.WriteLine($"  t={wall.Elapsed.TotalSeconds:0}s final {final.Count}/{accepted}, passes {meters.Passes}, polls {meters.PollCalls}");
                }
            });
            // Songs refused at submit never reach the poller; wait for the accepted ones.
            while (final.Count < accepted && wall.Elapsed < deadline)
            {
                await Task.Delay(100);
            }

            allFinal.TrySetResult();
        }

        var unfinished = accepted - final.Count;

        var wallSeconds = wall.Elapsed.TotalSeconds;
        var appCpu = resources.CpuTime.TotalSeconds;
        var peak = resources.PeakWorkingSet;
        var simulatorCpu = (simulator.CpuTime - simulatorCpuAtStart).TotalSeconds;
        var childrenCpu = ChildProcessCpu() - childrenCpuAtStart;
        var atEnd = commands.Snapshot();
        var passes = meters.Passes - passesAtReset;
        var appPolls = meters.PollCalls;

        var stats = await simulator.StatsAsync();
        var lags = await simulator.LagsAsync();
        List<Generation> rows;
        await using (var scope = app.CreateScope())
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            rows = await db.Generations.AsNoTracking().ToListAsync();
        }

        // Detection lag: simulator side, from the moment the song completed to the first poll that said so. The
        // simulator runs on the real clock with scaled durations, so its seconds are wall seconds of this run:
        // divide by the scale for vendor seconds.
        var lagVendor = lags.Items.Where(i => i.LagSeconds is not null).Select(i => i.LagSeconds!.Value / scale).Order().ToArray();
        var polls = lags.Items.Select(i => (double)i.Polls).Order().ToArray();
        // Archiving happens after detection and is real work (download, hash, write): reported in real seconds, unscaled.
        var byUpstream = lags.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var archive = rows
            .Where(r => r.Status == GenerationStatus.Completed && r.UpstreamId is not null && r.FinishedAtUtc is not null
                        && byUpstream.TryGetValue(r.UpstreamId, out var item) && item.FirstReportedCompletedAt is not null)
            .Select(r => (new DateTimeOffset(r.FinishedAtUtc!.Value, TimeSpan.Zero) - byUpstream[r.UpstreamId!].FirstReportedCompletedAt!.Value).TotalSeconds)
            .Order().ToArray();

        var polling = Difference(atEnd, atSubmitEnd);
        var passesPolling = passes + passesAtReset - passesAtSubmitEnd;
        var selectsPolling = polling.Where(kv => kv.Key.StartsWith("SELECT", StringComparison.Ordinal)).Sum(kv => kv.Value);
        var result = new PipelineResult(
            schedule.Name, songs, scale,
            rows.Count(r => r.Status == GenerationStatus.Completed),
            rows.Count(r => r.Status == GenerationStatus.Failed),
            rows.Count(r => r.Status == GenerationStatus.TimedOut),
            rows.Count(r => r.IsArchived),
            submitErrors,
            unfinished,
            stats.GenerationsCreated == 0 ? 0 : (double)stats.PollRequests / stats.GenerationsCreated,
            Percentile(polls, 0.95),
            polls.LastOrDefault(),
            Percentile(lagVendor, 0.50),
            Percentile(lagVendor, 0.95),
            lagVendor.LastOrDefault(),
            Percentile(meters.AppLags, 0.95) / scale,
            Percentile(archive, 0.50),
            Percentile(archive, 0.95),
            passes,
            passes == 0 ? 0 : (double)atEnd.GetValueOrDefault(DbCommandCounter.PollerPass) / passes,
            passesPolling == 0 ? 0 : (double)selectsPolling / passesPolling,
            appPolls == 0 ? 0 : (double)(polling.GetValueOrDefault("UPDATE")) / (appPolls - pollsAtSubmitEnd),
            submitSeconds,
            wallSeconds,
            appCpu,
            childrenCpu,
            simulatorCpu,
            peak / (1024.0 * 1024.0),
            polling);

        log.WriteLine($"unfinished at the deadline: {unfinished}; CPU app {appCpu:0.0}s, ffmpeg/ffprobe {childrenCpu:0.0}s, simulator {simulatorCpu:0.0}s");
        log.WriteLine($"simulator: {stats.GenerationsCreated} generations, {stats.PollRequests} polls, {stats.AudioRequests} audio downloads, {stats.SubmitRequests} submits; app counted {appPolls} poll calls");
        log.WriteLine($"db commands, whole run: {Format(atEnd)}");
        log.WriteLine($"db commands, after the last submit: {Format(polling)}; poller passes after the last submit: {passesPolling}");
        log.WriteLine($"lag (vendor s): p50 {result.LagP50:0.00} p95 {result.LagP95:0.00} max {result.LagMax:0.00}; app-side upper bound p95 {result.AppLagP95:0.00}; archive after detection (real s): p50 {result.ArchiveP50:0.000} p95 {result.ArchiveP95:0.000}");
        return result;
    }

    public static string TableHeader =>
        "| schedule | songs | scale | completed / archived | GETs per song mean (p95, max) | detection lag p50 / p95 / max (vendor s) | app-side lag p95 (upper bound, vendor s) | archive after detection p50 / p95 (real s) | poller passes | SELECTs per pass (pass query / all, polling phase) | UPDATEs per poll | submit all (s) | wall (s) | CPU app / ffmpeg+ffprobe / simulator (s) | peak WS app (MB) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public static string TableRow(PipelineResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Schedule} | {r.Songs} | {r.Scale} | {r.Completed} / {r.Archived}{(r.Failed + r.TimedOut + r.SubmitErrors + r.Unfinished > 0 ? $" (failed {r.Failed}, timed out {r.TimedOut}, refused {r.SubmitErrors}, unfinished at deadline {r.Unfinished})" : "")} | {r.GetsPerSongMean:0.00} ({r.GetsPerSongP95:0}, {r.GetsPerSongMax:0}) | {r.LagP50:0.0} / {r.LagP95:0.0} / {r.LagMax:0.0} | {r.AppLagP95:0.0} | {r.ArchiveP50:0.000} / {r.ArchiveP95:0.000} | {r.PollerPasses} | {r.PassSelectsPerPass:0.00} / {r.SelectsPerPassPolling:0.00} | {r.UpdatesPerPoll:0.00} | {r.SubmitSeconds:0.0} | {r.WallSeconds:0.0} | {r.AppCpuSeconds:0.0} / {r.ToolsCpuSeconds:0.0} / {r.SimulatorCpuSeconds:0.0} | {r.PeakWorkingSetMb:0} |");

    /// <summary>CPU seconds of this process's finished child processes (ffprobe, ffmpeg): cutime + cstime in /proc/self/stat.</summary>
    private static double ChildProcessCpu()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 16 and 17 of the file (cutime, cstime); the slice starts at field 3. Clock ticks: 100 per second.
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static Dictionary<string, int> Difference(IReadOnlyDictionary<string, int> end, IReadOnlyDictionary<string, int> start) =>
        end.ToDictionary(kv => kv.Key, kv => kv.Value - start.GetValueOrDefault(kv.Key), StringComparer.Ordinal);

    private static string Format(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));

    /// <summary>Nearest-rank percentile of sorted values (the simulator's definition).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) => SimulatorEndpoints.Percentile(sorted, fraction);
}
