namespace MinimaxMusic.Simulator;

/// <summary>
/// One row of <c>GET /v2/logs</c>: a submit request made with <see cref="Key"/>, whether it was accepted and what it
/// cost (nothing when refused: "failed requests are never charged").
/// </summary>
public sealed record LoggedRequest(
    DateTimeOffset Created,
    string Key,
    bool Succeeded,
    string Model,
    decimal Usd,
    long Credits,
    string RequestId,
    string InferenceId,
    string? ClientRequestId)
{
    /// <summary>Orders rows made at the same instant (the simulator's clock may stand still in tests).</summary>
    public long Sequence { get; init; }
}

/// <summary>The request log and the endpoint's rate limit (over 200 requests per 60 s per key: 429).</summary>
internal sealed class RequestLog
{
    public const int RateLimit = 200;
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly List<LoggedRequest> _rows = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _reads = new(StringComparer.Ordinal);
    private long _sequence;

    public void Add(LoggedRequest row)
    {
        lock (_lock)
        {
            _rows.Add(row with { Sequence = ++_sequence });
        }
    }

    /// <summary>Rows of one key, newest first.</summary>
    public IReadOnlyList<LoggedRequest> Rows(string? key = null)
    {
        lock (_lock)
        {
            return _rows.Where(r => key is null || r.Key == key)
                .OrderByDescending(r => r.Created)
                .ThenByDescending(r => r.Sequence)
                .ToArray();
        }
    }

    /// <summary>Counts a read of the log; null when admitted, else how long until the window has room again.</summary>
    public TimeSpan? TryAdmitRead(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_reads.TryGetValue(key, out var reads))
            {
                _reads[key] = reads = new Queue<DateTimeOffset>();
            }

            while (reads.TryPeek(out var oldest) && oldest <= now - RateWindow)
            {
                reads.Dequeue();
            }

            if (reads.Count >= RateLimit)
            {
                return reads.Peek() + RateWindow - now;
            }

            reads.Enqueue(now);
            return null;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rows.Clear();
            _reads.Clear();
            _sequence = 0;
        }
    }
}
