using System.Diagnostics.Metrics;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// The numbers an operator watches: songs by outcome, upstream calls by kind and outcome, detection lag, archived bytes.
/// Meter "MinimaxMusic.Web" (exported for Prometheus once metrics export is enabled).
/// </summary>
internal sealed class GenerationMetrics
{
    public const string MeterName = "MinimaxMusic.Web";

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _upstreamCalls;
    private readonly Counter<long> _archivedBytes;
    private readonly Histogram<double> _detectionLag;
    private readonly Counter<long> _pollerPasses;

    public GenerationMetrics(IMeterFactory meterFactory)
    {
#pragma warning disable CA2000 // IMeterFactory owns the meters it creates and disposes them with the container.
        var meter = meterFactory.Create(MeterName);
#pragma warning restore CA2000
        _submitted = meter.CreateCounter<long>("minimaxmusic.songs.submitted", unit: "{song}",
            description: "Songs the AIML service accepted.");
        _finished = meter.CreateCounter<long>("minimaxmusic.songs.finished", unit: "{song}",
            description: "Songs that reached a final state, by status (completed, failed, timed_out).");
        _upstreamCalls = meter.CreateCounter<long>("minimaxmusic.upstream.calls", unit: "{call}",
            description: "Requests to the AIML service, by kind (submit, poll, billing, logs) and outcome (HTTP status or error).");
        _archivedBytes = meter.CreateCounter<long>("minimaxmusic.archive.bytes", unit: "By",
            description: "Audio bytes archived to the data directory.");
        _detectionLag = meter.CreateHistogram<double>("minimaxmusic.songs.detection_lag", unit: "s",
            description: "Upper bound of the time between the AIML service finishing a song and the app noticing: "
                         + "the time since the previous check that still saw it running (the vendor does not say when it finished).");
        _pollerPasses = meter.CreateCounter<long>("minimaxmusic.poller.passes", unit: "{pass}",
            description: "Poller passes; each runs one database query to find the due songs.");
    }

    public void Submitted() => _submitted.Add(1);

    public void Finished(GenerationStatus status) =>
        _finished.Add(1, new KeyValuePair<string, object?>("status", status switch
        {
            GenerationStatus.Completed => "completed",
            GenerationStatus.TimedOut => "timed_out",
            _ => "failed",
        }));

    public void UpstreamCall(string kind, string outcome) =>
        _upstreamCalls.Add(1, new("kind", kind), new("outcome", outcome));

    public void Archived(long bytes) => _archivedBytes.Add(bytes);

    public void DetectionLag(TimeSpan lag) => _detectionLag.Record(lag.TotalSeconds);

    public void PollerPass() => _pollerPasses.Add(1);
}
