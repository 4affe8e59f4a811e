using System.Globalization;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Benchmarks;

/// <summary>
/// The polling schedule alone, without load: the app's own PollSchedule (first poll, then NextWhileRunning)
/// against the simulator's own duration distribution (SimulatorOptions.GenerationTimeFor, same knobs as the
/// pipeline). What the pipeline rows would show on an idle machine with instant archiving.
/// </summary>
internal static class ScheduleModel
{
    public static void Run(TextWriter log, int songs = 100_000)
    {
        var durations = new SimulatorOptions
        {
            GenerationTime = TimeSpan.FromSeconds(50),
            GenerationTimeMax = TimeSpan.FromSeconds(60),
            SlowShare = 0.10,
            SlowGenerationTimeMax = TimeSpan.FromSeconds(90),
            Seed = 1,
        };
        var d = new PollingOptions();
        (string Name, PollingOptions Options)[] candidates =
        [
            ("default", d),
            ("vendor-naive (0, 10 s, no back-off, 10 min)", new() { InitialDelay = TimeSpan.Zero, Interval = TimeSpan.FromSeconds(10), MaxInterval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromMinutes(10) }),
            ("InitialDelay 45 s, Interval 5 s", new() { InitialDelay = TimeSpan.FromSeconds(45), Interval = TimeSpan.FromSeconds(5) }),
            ("InitialDelay 50 s, Interval 5 s", new() { InitialDelay = TimeSpan.FromSeconds(50), Interval = TimeSpan.FromSeconds(5) }),
            ("InitialDelay 50 s, Interval 4 s", new() { InitialDelay = TimeSpan.FromSeconds(50), Interval = TimeSpan.FromSeconds(4) }),
            ("InitialDelay 50 s, Interval 4 s, ExpectedDuration 90 s", new() { InitialDelay = TimeSpan.FromSeconds(50), Interval = TimeSpan.FromSeconds(4), ExpectedDuration = TimeSpan.FromSeconds(90) }),
        ];

        log.WriteLine($"== schedule model: {songs:N0} songs, durations 50–60 s + 10 % slow 60–90 s (seed 1), no load");
        log.WriteLine("| schedule (vendor time) | GETs per song mean (p95, max) | lag p50 / p95 / max (s) | ≤ 4 GETs and p95 ≤ 5 s |");
        log.WriteLine("|---|---|---|---|");
        var submitted = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (name, options) in candidates)
        {
            var gets = new double[songs];
            var lags = new double[songs];
            for (var i = 0; i < songs; i++)
            {
                var completes = submitted + durations.GenerationTimeFor(i);
                var at = PollSchedule.FirstPoll(options, submitted);
                var polls = 1;
                while (at < completes)
                {
                    at = PollSchedule.NextWhileRunning(options, submitted, at);
                    polls++;
                }

                gets[i] = polls;
                lags[i] = (at - completes).TotalSeconds;
            }

            Array.Sort(gets);
            Array.Sort(lags);
            var ok = gets.Average() <= 4 && PipelineScenario.Percentile(lags, 0.95) <= 5;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {gets.Average():0.00} ({PipelineScenario.Percentile(gets, 0.95):0}, {gets[^1]:0}) | {PipelineScenario.Percentile(lags, 0.50):0.0} / {PipelineScenario.Percentile(lags, 0.95):0.0} / {lags[^1]:0.0} | {(ok ? "yes" : "no")} |"));
        }

        log.WriteLine();
    }
}
