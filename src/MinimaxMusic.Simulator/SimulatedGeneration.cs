namespace MinimaxMusic.Simulator;

/// <summary>A generation the simulator accepted. Its status is a function of time, so nothing needs a timer.</summary>
internal sealed class SimulatedGeneration(
    string id,
    string prompt,
    string referenceAudioUrl,
    DateTimeOffset createdAt,
    TimeSpan duration,
    GenerationOutcome outcome,
    string audioToken,
    TimeSpan? linkLifetime,
    decimal usd,
    double credits,
    SimulatedModel model,
    SimulatedSong? song)
{
    // The vendor reports queued for a short while before generating.
    private const double QueuedFraction = 0.15;

    public string Id { get; } = id;

    public string Prompt { get; } = prompt;

    public string ReferenceAudioUrl { get; } = referenceAudioUrl;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset CompletesAt { get; } = createdAt + duration;

    public GenerationOutcome Outcome { get; } = outcome;

    public string AudioToken { get; } = audioToken;

    public TimeSpan? LinkLifetime { get; } = linkLifetime;

    /// <summary>What the submit charged, fixed then so the poll, the headers and the logs all report the same.</summary>
    public decimal Usd { get; } = usd;

    public double Credits { get; } = credits;

    public SimulatedModel Model { get; } = model;

    /// <summary>What a newer model was asked for; null for the legacy model (its <see cref="Prompt"/> is the lyrics).</summary>
    public SimulatedSong? Song { get; } = song;

    /// <summary>When the audio link stops working; null: never (the legacy model's links, unless told otherwise).</summary>
    public DateTimeOffset? LinkExpiresAt => CompletesAt + LinkLifetime;

    public string StatusAt(DateTimeOffset now)
    {
        var elapsed = now - CreatedAt;
        var total = CompletesAt - CreatedAt;
        if (elapsed < total * QueuedFraction)
        {
            return "queued";
        }

        if (now < CompletesAt || Outcome.Kind == OutcomeKind.NeverComplete)
        {
            return "generating";
        }

        return Outcome.Kind == OutcomeKind.Error ? "error" : "completed";
    }

    private long _firstReportedCompletedTicks;
    private int _polls;

    /// <summary>Polls answered for this generation (after authorisation and faults).</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <summary>When a poll first answered <c>completed</c> for it: the moment the client learned the song was done.</summary>
    public DateTimeOffset? FirstReportedCompletedAt
    {
        get
        {
            var ticks = Volatile.Read(ref _firstReportedCompletedTicks);
            return ticks > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    internal void RecordPoll(string status, DateTimeOffset now)
    {
        Interlocked.Increment(ref _polls);
        if (status == "completed")
        {
            Interlocked.CompareExchange(ref _firstReportedCompletedTicks, now.UtcTicks, 0);
        }
    }

    public bool AudioExpiredAt(DateTimeOffset now) => LinkLifetime is { } lifetime && now > CompletesAt + lifetime;
}
