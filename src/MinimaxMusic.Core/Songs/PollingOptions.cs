using System.ComponentModel.DataAnnotations;

namespace MinimaxMusic.Core.Songs;

public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>
    /// Songs take ~50–60 s upstream; polling earlier only spends calls. With <see cref="Interval"/> 4 s this measured
    /// ~3 GETs per song and a p95 detection lag under 5 s (tests/MinimaxMusic.Benchmarks).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Polling:InitialDelay must be between 00:00:00 and 01:00:00.")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(50);

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Polling:Interval must be between 00:00:00.050 and 01:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a song usually takes; past it, checks back off from Interval towards MaxInterval.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Polling:ExpectedDuration must be between 00:00:00 and 01:00:00.")]
    public TimeSpan ExpectedDuration { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Polling:MaxInterval must be between 00:00:00.050 and 01:00:00.")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Polling:Timeout must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a song may stay Submitting before it is looked up in the vendor's request log: the submit's answer was
    /// lost (the app stopped, a timeout after sending). Songs the log does not list a grace period later failed without
    /// reaching the vendor.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Polling:StaleSubmitAge must be between 00:00:01 and 01:00:00.")]
    public TimeSpan StaleSubmitAge { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 64, ErrorMessage = "Polling:MaxConcurrency must be between 1 and 64.")]
    public int MaxConcurrency { get; set; } = 4;
}
