using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MinimaxMusic.Benchmarks;

// dotnet run -c Release --project tests/MinimaxMusic.Benchmarks -- model|pipeline|media|history|all [options]; see README.md.
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "simulator-host")
        {
            return await SimulatorProcess.RunHostAsync(args[1]);
        }

        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current
        // directory (test runners start in the output folder; `dotnet run` starts in the caller's).
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var scenario = args.FirstOrDefault() ?? "all";
        var options = Options.Parse(args.Skip(1).ToArray());
        var log = Console.Out;
        log.WriteLine($"MinimaxMusic benchmarks: {scenario}; {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, "
                      + $"{(Debugger.IsAttached ? "debugger attached" : "no debugger")}, ffprobe {(FindOnPath("ffprobe") ? "present" : "absent")}");

        if (scenario is "model" or "all")
        {
            ScheduleModel.Run(log);
        }

        if (scenario is "pipeline" or "all")
        {
            var schedules = options.Get("schedule", "both") switch
            {
                "default" => [Schedule.Defaults()],
                "naive" => [Schedule.VendorNaive()],
                "custom" => [Custom(options)],
                _ => new[] { Schedule.Defaults(), Schedule.VendorNaive() },
            };
            var songs = int.Parse(options.Get("songs", "1000"), CultureInfo.InvariantCulture);
            var scale = double.Parse(options.Get("scale", "1"), CultureInfo.InvariantCulture);
            var rows = new List<string>();
            foreach (var schedule in schedules)
            {
                var result = await PipelineScenario.RunAsync(schedule, songs, scale, log, analyseAudio: options.Get("ffmpeg", "on") != "off",
                        deadline: TimeSpan.FromSeconds(double.Parse(options.Get("deadline", "270"), CultureInfo.InvariantCulture)));
                rows.Add(PipelineScenario.TableRow(result));
                log.WriteLine();
            }

            log.WriteLine(PipelineScenario.TableHeader);
            rows.ForEach(log.WriteLine);
            log.WriteLine();
        }

        if (scenario is "media" or "all")
        {
            var seconds = double.Parse(options.Get("seconds", "10"), CultureInfo.InvariantCulture);
            var results = await MediaScenario.RunAsync(log, TimeSpan.FromSeconds(seconds));
            log.WriteLine("| request | clients | requests/s | MB/s | latency p50 / p95 (ms) | allocated per request, client + server (KB) | DB commands per request | errors |");
            log.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var r in results)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Kind} | {r.Clients} | {r.RequestsPerSecond:0} | {r.MegabytesPerSecond:0.0} | {r.LatencyP50Ms:0.00} / {r.LatencyP95Ms:0.00} | {r.AllocatedKbPerRequest:0.0} | {r.DbCommandsPerRequest:0.00} | {r.Errors} |"));
            }

            log.WriteLine();
        }

        if (scenario is "history" or "all")
        {
            await HistoryQueryCounts.RunAsync(log);
            var artifacts = Path.Combine(Path.GetTempPath(), "minimaxmusic-benchmark-artifacts");
            var config = ManualConfig.CreateMinimumViable()
                .WithArtifactsPath(artifacts)
                .AddJob(Job.Default
                    .WithToolchain(InProcessEmitToolchain.Instance)
                    .WithWarmupCount(3)
                    .WithIterationCount(10)
                    .WithId("InProcess"));
            BenchmarkRunner.Run<HistoryBenchmarks>(config, args.Skip(1).Where(a => a.StartsWith("--bdn", StringComparison.Ordinal)).ToArray());
        }

        return 0;
    }

    private static Schedule Custom(Options options)
    {
        var d = Schedule.Defaults();
        TimeSpan Seconds(string key, TimeSpan fallback) =>
            options.Has(key) ? TimeSpan.FromSeconds(double.Parse(options.Get(key, "0"), CultureInfo.InvariantCulture)) : fallback;
        return new Schedule("custom",
            Seconds("initial-delay", d.InitialDelay), Seconds("interval", d.Interval), Seconds("max-interval", d.MaxInterval),
            Seconds("expected-duration", d.ExpectedDuration), Seconds("timeout", d.Timeout),
            options.Has("max-concurrency") ? int.Parse(options.Get("max-concurrency", "4"), CultureInfo.InvariantCulture) : d.MaxConcurrency);
    }

    private static bool FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));
}

/// <summary>--key value pairs.</summary>
internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                values[args[i][2..]] = args[i + 1];
            }
        }

        return new Options(values);
    }

    public bool Has(string key) => values.ContainsKey(key);

    public string Get(string key, string fallback) => values.GetValueOrDefault(key, fallback);
}
