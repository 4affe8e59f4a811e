namespace MinimaxMusic.Core.Songs;

/// <summary>When to try archiving a song again after a failed attempt.</summary>
public static class ArchiveSchedule
{
    // Quick first retries catch a CDN that was briefly slow; later ones stop hammering a link that is gone.
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1),
    ];

    /// <summary>
    /// The wait after <paramref name="failedAttempts"/> failures (1 = the first one failed), or null when
    /// <paramref name="maxAttempts"/> have been made and the archiver should give up.
    /// </summary>
    public static TimeSpan? DelayAfter(int failedAttempts, int maxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failedAttempts);
        if (failedAttempts >= maxAttempts)
        {
            return null;
        }

        return Delays[Math.Min(failedAttempts, Delays.Length) - 1];
    }
}
