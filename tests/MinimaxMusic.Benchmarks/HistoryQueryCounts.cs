using System.Diagnostics;
using System.Globalization;

namespace MinimaxMusic.Benchmarks;

/// <summary>
/// Before BenchmarkDotNet's timings: the same four queries once more with a plain loop, to count the SQL commands
/// each one sends and cross-check the mean and p95 (BenchmarkDotNet reports mean and error, not p95 by default).
/// </summary>
internal static class HistoryQueryCounts
{
    public static async Task RunAsync(TextWriter log, int iterations = 200)
    {
        using var bench = new HistoryBenchmarks();
        var seeding = Stopwatch.StartNew();
        bench.Setup();
        log.WriteLine($"== history: seeded {HistoryBenchmarks.Songs} songs (host start + one-transaction insert) in {seeding.Elapsed.TotalSeconds:0.0}s");
        using var commands = new DbCommandCounter();
        log.WriteLine("| query | rows / total | mean (ms) | p95 (ms) | SQL commands per call |");
        log.WriteLine("|---|---|---|---|---|");
        foreach (var (name, query) in HistoryBenchmarks.Queries)
        {
            for (var i = 0; i < 20; i++)
            {
                await bench.Service.QueryAsync(query);
            }

            commands.Reset();
            var times = new double[iterations];
            HistoryResultsSummary? last = null;
            for (var i = 0; i < iterations; i++)
            {
                var clock = Stopwatch.StartNew();
                var result = await bench.Service.QueryAsync(query);
                times[i] = clock.Elapsed.TotalMilliseconds;
                last = new(result.Items.Count, result.Total);
            }

            Array.Sort(times);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {last!.Rows} / {last.Total} | {times.Average():0.00} | {PipelineScenario.Percentile(times, 0.95):0.00} | {(double)commands.Total / iterations:0.##} |"));
        }

        log.WriteLine();
    }

    private sealed record HistoryResultsSummary(int Rows, int Total);
}
