namespace MinimaxMusic.Simulator;

public enum FaultKind
{
    /// <summary>Answer with an error status and the vendor's error body.</summary>
    Status,

    /// <summary>
    /// Wait before answering normally (a slow upstream). A stalled submit creates the generation once the wait is
    /// over; a client that gives up first (timeout, crash) cancels it, so nothing is created or charged and the
    /// request is logged as failed.
    /// </summary>
    Stall,

    /// <summary>Answer 200 with a body that is not valid JSON.</summary>
    MalformedJson,

    /// <summary>
    /// Do the work, then drop the connection before a byte of the answer is sent. A submit is accepted, charged
    /// and logged as succeeded, but the client never learns its id: only <c>GET /v2/logs</c> can tell it. A submit the
    /// simulator refuses (400, 403) answers normally and uses the fault up.
    /// </summary>
    LoseAnswer,
}

/// <summary>One armed failure, consumed by the next matching request.</summary>
public sealed record SimulatedFault(FaultKind Kind, int StatusCode = 0, TimeSpan? RetryAfter = null, TimeSpan Delay = default)
{
    public static SimulatedFault Status(int statusCode, TimeSpan? retryAfter = null) => new(FaultKind.Status, statusCode, retryAfter);

    public static SimulatedFault Stall(TimeSpan delay) => new(FaultKind.Stall, Delay: delay);

    public static SimulatedFault MalformedJson() => new(FaultKind.MalformedJson);

    public static SimulatedFault LoseAnswer() => new(FaultKind.LoseAnswer);
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
