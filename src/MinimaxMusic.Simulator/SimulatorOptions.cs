namespace MinimaxMusic.Simulator;

/// <summary>Knobs for the simulated AIML service. Defaults match demo mode; tests shorten the generation time.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>How long a song takes from submit to <c>completed</c> (the real service needs 50–60 s).</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Multiplies every simulated duration: 0.01 makes the simulator a hundred times faster (benchmarks).</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Bearer keys the simulator accepts. Empty: any non-empty key.</summary>
    public IList<string> AcceptedKeys { get; set; } = [];

    public decimal StartingBalance { get; set; } = 1000m;

    /// <summary>What one accepted generation costs in USD (taken off the balance).</summary>
    public decimal CostPerSong { get; set; } = 0.05m;

    /// <summary>What <c>meta.usage.credits_used</c> reports for a completed song.</summary>
    public double CreditsUsedPerSong { get; set; } = 120_000;

    /// <summary>How long a CDN audio link works; null: forever.</summary>
    public TimeSpan? AudioLinkLifetime { get; set; }

    internal TimeSpan Scaled(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * TimeScale));
}
