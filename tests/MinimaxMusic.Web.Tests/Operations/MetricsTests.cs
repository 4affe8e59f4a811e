using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Operations;

/// <summary>What an operator's dashboard would show after one song and one refused submit.</summary>
[Trait("Category", "Integration")]
public sealed class MetricsTests
{
    [Fact]
    public async Task OneCompletedSongAndOneRefusedSubmit_AreCountedByOutcomeAndKind()
    {
        // A song that takes seconds: a lag measured from the submit instead of from the previous check would show.
        await using var env = await SimulatedUpstream.StartAsync(configureSimulator: o => o.GenerationTime = TimeSpan.FromSeconds(4));
        var factory = env.App.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Name, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's meter: other tests run their own apps in parallel.
            if (instrument.Meter.Name == GenerationMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        var lags = new ConcurrentQueue<double>();
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "minimaxmusic.songs.detection_lag")
            {
                lags.Enqueue(value);
            }
        });
        listener.Start();

        var service = env.App.CreateGenerationService();
        var ok = await service.SubmitAsync("Morning light\nOn the bay", env.Reference, TestContext.Current.CancellationToken);
        var song = await env.App.WaitForAsync(ok.GenerationId!.Value, g => g.IsSettled());
        env.Simulator.State.Balance = 0m;
        await service.SubmitAsync("Evening light\nOn the bay", env.Reference, TestContext.Current.CancellationToken);

        long Sum(string name, string tags = "") =>
            measurements.Where(m => m.Name == name && m.Tags.Contains(tags, StringComparison.Ordinal)).Sum(m => m.Value);
        Assert.Equal(1, Sum("minimaxmusic.songs.submitted"));
        Assert.Equal(1, Sum("minimaxmusic.songs.finished", "status=completed"));
        Assert.Equal(1, Sum("minimaxmusic.songs.finished", "status=failed"));
        Assert.Equal(1, Sum("minimaxmusic.upstream.calls", "kind=submit,outcome=201"));
        Assert.Equal(1, Sum("minimaxmusic.upstream.calls", "kind=submit,outcome=403"));
        Assert.Equal(song.PollCount, Sum("minimaxmusic.upstream.calls", "kind=poll,outcome=200"));
        Assert.Equal(song.ArchivedSize, Sum("minimaxmusic.archive.bytes"));
        Assert.True(Sum("minimaxmusic.poller.passes") >= song.PollCount, "Every poll happens in a counted pass.");

        // Detection lag: once per completed song, at most the gap between its last two checks (polls here are ~0.2 s apart).
        var lag = Assert.Single(lags);
        Assert.InRange(lag, 0.0, 3.0);
    }
}
