using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Benchmarks;

/// <summary>
/// Counts every SQL command EF Core executes in this process (DiagnosticListener "Microsoft.EntityFrameworkCore",
/// event CommandExecuted), by shape: the poller's pass query is recognised by its text (the only query that
/// filters on both NextPollAtUtc and NextArchiveAtUtc); everything else by its first keyword.
/// </summary>
internal sealed class DbCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly IDisposable _all;

    public DbCommandCounter() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    public const string PollerPass = "SELECT (poller pass)";

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

    public int Count(string kind) => _counts.GetValueOrDefault(kind);

    public int Total => _counts.Values.Sum();

    public void Reset() => _counts.Clear();

    public static string Classify(string sql)
    {
        var text = sql.TrimStart();
        var verb = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant() ?? "?";
        if (verb == "SELECT" && text.Contains("\"NextPollAtUtc\" <=", StringComparison.Ordinal)
            && text.Contains("\"NextArchiveAtUtc\" <=", StringComparison.Ordinal))
        {
            return PollerPass;
        }

        return verb;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData executed)
        {
            _counts.AddOrUpdate(Classify(executed.Command.CommandText), 1, (_, n) => n + 1);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}

/// <summary>Listens to the app's own meter: poller passes, upstream calls by kind, and its detection-lag histogram.</summary>
internal sealed class AppMeters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentBag<double> _appLags = [];
    private long _passes;
    private long _pollCalls;

    public AppMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GenerationMetrics.MeterName
                && instrument.Name is "minimaxmusic.poller.passes" or "minimaxmusic.upstream.calls" or "minimaxmusic.songs.detection_lag")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "minimaxmusic.poller.passes")
            {
                Interlocked.Add(ref _passes, value);
            }
            else
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "kind" && (tag.Value as string) == "poll")
                    {
                        Interlocked.Add(ref _pollCalls, value);
                    }
                }
            }
        });
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _appLags.Add(value));
        _listener.Start();
    }

    public long Passes => Interlocked.Read(ref _passes);

    public long PollCalls => Interlocked.Read(ref _pollCalls);

    /// <summary>The app's own lag measurement (time since the previous check that still saw the song running): an upper bound.</summary>
    public double[] AppLags => [.. _appLags.Order()];

    public void Dispose() => _listener.Dispose();
}

/// <summary>CPU time and peak working set of this process, sampled while a scenario runs.</summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _cpuAtStart;
    private long _peakWorkingSet;

    public ResourceSampler()
    {
        using var self = Process.GetCurrentProcess();
        _cpuAtStart = self.TotalProcessorTime;
        _loop = Task.Run(SampleAsync);
    }

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public TimeSpan CpuTime
    {
        get
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime - _cpuAtStart;
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            using var self = Process.GetCurrentProcess();
            var ws = self.WorkingSet64;
            if (ws > Interlocked.Read(ref _peakWorkingSet))
            {
                Interlocked.Exchange(ref _peakWorkingSet, ws);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
