using MinimaxMusic.Web.Tests.Infrastructure;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Benchmarks;

internal sealed record MediaResult(string Kind, int Clients, double Seconds, long Requests, double RequestsPerSecond, double MegabytesPerSecond,
    double LatencyP50Ms, double LatencyP95Ms, double AllocatedKbPerRequest, double DbCommandsPerRequest, int Errors);

/// <summary>
/// GET /media/{id} on Kestrel over loopback: one archived ~3 MB WAV (a completed, archived row inserted directly),
/// random 64 KiB Range requests from 4 concurrent clients, then whole-file downloads.
/// </summary>
internal static class MediaScenario
{
    private const int RangeLength = 64 * 1024;

    public static async Task<IReadOnlyList<MediaResult>> RunAsync(TextWriter log, TimeSpan duration, int clients = 4)
    {
        // An API key keeps demo mode (its in-app simulator) off; nothing here calls upstream.
        await using var app = new BenchmarkApp(new Dictionary<string, string?>
        {
            ["AimlApi:ApiKey"] = "benchmark-key",
            ["AimlApi:BaseUrl"] = "http://127.0.0.1:9/",
        });

        var id = Guid.CreateVersion7();
        var wav = Wav(TimeSpan.FromSeconds(70));
        Directory.CreateDirectory(app.AudioDirectory);
        var fileName = id.ToString("N") + ".wav";
        await File.WriteAllBytesAsync(Path.Combine(app.AudioDirectory, fileName), wav);
        await using (var scope = app.CreateScope())
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var now = DateTime.UtcNow;
            db.Generations.Add(new SongBuilder
            {
                Id = id,
                Title = SongLyrics.Title(1),
                Lyrics = SongLyrics.For(1),
                ReferenceAudioUrl = "https://example.com/reference.wav",
                UpstreamId = $"{Guid.NewGuid()}:minimax-music",
                Status = GenerationStatus.Completed,
                CreatedAtUtc = now,
                SubmittedAtUtc = now,
                FinishedAtUtc = now,
                AudioContentType = "audio/wav",
                ArchivedFileName = fileName,
                ArchivedSize = wav.Length,
                ArchivedSha256 = Convert.ToHexStringLower(SHA256.HashData(wav)),
                ArchivedAtUtc = now,
                DurationSeconds = 70,
            }.Build());
            await db.SaveChangesAsync();
        }

        log.WriteLine($"== media: /media/{id} serves a {wav.Length / (1024.0 * 1024.0):0.00} MiB WAV; {clients} clients, {duration.TotalSeconds:0} s per measurement");
        using var commands = new DbCommandCounter();
        using var http = await TeamSignIn.CreateClientAsync(app.BaseAddress, maxConnections: clients);
        var path = $"media/{id}";

        // Warm-up: JIT, connection pool, file cache.
        await MeasureAsync(http, path, wav.Length, ranged: true, clients, TimeSpan.FromSeconds(2), commands);
        await MeasureAsync(http, path, wav.Length, ranged: false, clients, TimeSpan.FromSeconds(1), commands);

        var results = new List<MediaResult>
        {
            await MeasureAsync(http, path, wav.Length, ranged: true, clients, duration, commands),
            await MeasureAsync(http, path, wav.Length, ranged: false, clients, duration, commands),
        };
        foreach (var r in results)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Kind}: {r.Requests} requests in {r.Seconds:0.0}s = {r.RequestsPerSecond:0} req/s, {r.MegabytesPerSecond:0.0} MB/s, latency p50 {r.LatencyP50Ms:0.00} ms p95 {r.LatencyP95Ms:0.00} ms, {r.AllocatedKbPerRequest:0.0} KB allocated/request (client+server), {r.DbCommandsPerRequest:0.00} DB commands/request, errors {r.Errors}"));
        }

        return results;
    }

    private static async Task<MediaResult> MeasureAsync(HttpClient http, string path, int fileLength, bool ranged, int clients, TimeSpan duration, DbCommandCounter commands)
    {
        commands.Reset();
        var latencies = new List<double>[clients];
        long bytes = 0;
        var errors = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(c + 1);
            var mine = latencies[c] = [];
            var buffer = new byte[81920];
            while (clock.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                var expected = fileLength;
                var wantStatus = HttpStatusCode.OK;
                if (ranged)
                {
                    var start = random.NextInt64(0, fileLength - RangeLength);
                    request.Headers.Range = new RangeHeaderValue(start, start + RangeLength - 1);
                    expected = RangeLength;
                    wantStatus = HttpStatusCode.PartialContent;
                }

                var started = clock.Elapsed;
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                long read = 0;
                int n;
                while ((n = await body.ReadAsync(buffer)) > 0)
                {
                    read += n;
                }

                mine.Add((clock.Elapsed - started).TotalMilliseconds);
                Interlocked.Add(ref bytes, read);
                if (response.StatusCode != wantStatus || read != expected)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new MediaResult(
            ranged ? "64 KiB random Range" : "whole file",
            clients, seconds, all.Length, all.Length / seconds, bytes / seconds / 1_000_000.0,
            PipelineScenario.Percentile(all, 0.50), PipelineScenario.Percentile(all, 0.95),
            all.Length == 0 ? 0 : allocated / 1024.0 / all.Length,
            all.Length == 0 ? 0 : (double)commands.Total / all.Length,
            errors);
    }

    /// <summary>A mono 16-bit 22,050 Hz WAV (the simulator's format) of the given length: a slowly gliding tone.</summary>
    private static byte[] Wav(TimeSpan length)
    {
        const int rate = 22_050;
        var samples = (int)(length.TotalSeconds * rate);
        var wav = new byte[44 + (samples * 2)];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var t = (double)i / rate;
            var value = (short)(8000 * Math.Sin(2 * Math.PI * (220 + (20 * Math.Sin(t / 3))) * t));
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (i * 2)), value);
        }

        return wav;
    }
}
