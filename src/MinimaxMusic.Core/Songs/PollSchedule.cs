using System.Globalization;

namespace MinimaxMusic.Core.Songs;

/// <summary>
/// When to check a song next. Pure and stateless: everything is derived from the submit time and the clock,
/// so a restart resumes the same schedule and tests need no sleeping.
/// </summary>
public static class PollSchedule
{
    /// <summary>Each check past the expected duration waits this many times longer than the previous one.</summary>
    public const double BackoffFactor = 1.5;

    /// <summary>After the timeout a song is checked only at these offsets from the timeout moment, in case it finishes late.</summary>
    public static readonly IReadOnlyList<TimeSpan> LateChecks = [TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    public static DateTime FirstPoll(PollingOptions options, DateTime submittedUtc) => submittedUtc + options.InitialDelay;

    public static bool HasTimedOut(PollingOptions options, DateTime submittedUtc, DateTime nowUtc) =>
        nowUtc - submittedUtc >= options.Timeout;

    public static string TimeoutMessage(PollingOptions options) =>
        $"No result from the AIML service after {Describe(options.Timeout)}; it will be checked a few more times in case it finishes late.";

    /// <summary>The next check after one made at <paramref name="nowUtc"/>, or null when there is none.</summary>
    public static DateTime? Next(PollingOptions options, GenerationStatus status, DateTime submittedUtc, DateTime nowUtc) => status switch
    {
        GenerationStatus.Queued or GenerationStatus.Generating => NextWhileRunning(options, submittedUtc, nowUtc),
        GenerationStatus.TimedOut => NextLateCheck(options, submittedUtc, nowUtc),
        _ => null,
    };

    /// <summary>
    /// Every Interval until the expected duration; then each gap is half the time already overdue, so gaps grow
    /// by <see cref="BackoffFactor"/> per check, capped at MaxInterval. The timeout moment itself is always checked.
    /// </summary>
    public static DateTime NextWhileRunning(PollingOptions options, DateTime submittedUtc, DateTime nowUtc)
    {
        var gap = options.Interval;
        var overdue = nowUtc - (submittedUtc + options.ExpectedDuration);
        if (overdue > TimeSpan.Zero)
        {
            var grown = overdue * (BackoffFactor - 1);
            // MaxInterval only caps the back-off; it never makes checks more frequent than Interval.
            var cap = options.MaxInterval > options.Interval ? options.MaxInterval : options.Interval;
            gap = grown < gap ? gap : grown > cap ? cap : grown;
        }

        var next = nowUtc + gap;
        var timeoutAt = submittedUtc + options.Timeout;
        return next > timeoutAt && timeoutAt > nowUtc ? timeoutAt : next;
    }

    public static DateTime? NextLateCheck(PollingOptions options, DateTime submittedUtc, DateTime nowUtc)
    {
        var timeoutAt = submittedUtc + options.Timeout;
        foreach (var offset in LateChecks)
        {
            if (timeoutAt + offset > nowUtc)
            {
                return timeoutAt + offset;
            }
        }

        return null;
    }

    private static string Describe(TimeSpan duration) =>
        duration.TotalMinutes >= 1 && duration.Seconds == 0 && duration.Milliseconds == 0
            ? duration.TotalMinutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0} minutes")
            : duration == TimeSpan.FromSeconds(1) ? "1 second" : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} seconds");
}
