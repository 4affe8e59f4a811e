namespace MinimaxMusic.Simulator;

public enum FaultKind
{
    /// <summary>Answer with an error status and the vendor's error body.</summary>
    Status,

    /// <summary>Wait before answering normally (a slow upstream; a stalled submit still creates the generation).</summary>
    Stall,

    /// <summary>Answer 200 with a body that is not valid JSON.</summary>
    MalformedJson,
}

/// <summary>One armed failure, consumed by the next matching request.</summary>
public sealed record SimulatedFault(FaultKind Kind, int StatusCode = 0, TimeSpan? RetryAfter = null, TimeSpan Delay = default)
{
    public static SimulatedFault Status(int statusCode, TimeSpan? retryAfter = null) => new(FaultKind.Status, statusCode, retryAfter);

    public static SimulatedFault Stall(TimeSpan delay) => new(FaultKind.Stall, Delay: delay);

    public static SimulatedFault MalformedJson() => new(FaultKind.MalformedJson);
}

public enum OutcomeKind
{
    Complete,
    Error,
    NeverComplete,
    ExpiringAudio,
}

/// <summary>How the next accepted generation ends.</summary>
public sealed record GenerationOutcome(OutcomeKind Kind, string? ErrorName = null, string? ErrorMessage = null, TimeSpan? LinkLifetime = null)
{
    public static GenerationOutcome Complete { get; } = new(OutcomeKind.Complete);

    public static GenerationOutcome NeverComplete { get; } = new(OutcomeKind.NeverComplete);

    public static GenerationOutcome Error(string name, string message) => new(OutcomeKind.Error, name, message);

    /// <summary>Completes, but the audio link answers 403 once <paramref name="linkLifetime"/> has passed after completion.</summary>
    public static GenerationOutcome ExpiringAudio(TimeSpan linkLifetime) => new(OutcomeKind.ExpiringAudio, LinkLifetime: linkLifetime);
}
