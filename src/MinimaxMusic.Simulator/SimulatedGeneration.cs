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
    TimeSpan? linkLifetime)
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

    public bool AudioExpiredAt(DateTimeOffset now) => LinkLifetime is { } lifetime && now > CompletesAt + lifetime;
}
