using System.Net;
using Refit;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// One gate for every poll: after a 429 no status check is sent until the vendor's Retry-After has passed.
/// Kept in memory on purpose; after a restart the first check simply meets the 429 again.
/// </summary>
internal sealed class UpstreamBackoff(TimeProvider time)
{
    /// <summary>Used when a 429 carries no usable Retry-After.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    // A vendor asking for more than this is more likely a bad header than a real request; re-check then.
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(10);

    private long _blockedUntilTicks;

    /// <summary>UTC moment before which no poll may be sent; in the past when polls are free.</summary>
    public DateTimeOffset BlockedUntil => new(Interlocked.Read(ref _blockedUntilTicks), TimeSpan.Zero);

    /// <summary>How long polls must still wait; zero when they may go.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var remaining = BlockedUntil - time.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    public bool IsBlocked => Remaining > TimeSpan.Zero;

    /// <summary>Records a 429 if <paramref name="exception"/> is one; returns whether it was.</summary>
    public bool TryRecord(Exception exception)
    {
        if (exception is not ApiException { StatusCode: HttpStatusCode.TooManyRequests } api)
        {
            return false;
        }

        RecordRateLimit(RetryAfterOf(api));
        return true;
    }

    /// <summary>Blocks polls for <paramref name="retryAfter"/> (default 30 s); a later block never shortens an earlier one.</summary>
    public void RecordRateLimit(TimeSpan? retryAfter)
    {
        var wait = retryAfter is { } given && given > TimeSpan.Zero ? given : DefaultRetryAfter;
        if (wait > LongestRetryAfter)
        {
            wait = LongestRetryAfter;
        }

        var until = (time.GetUtcNow() + wait).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _blockedUntilTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _blockedUntilTicks, until, current) != current);
    }

    private TimeSpan? RetryAfterOf(ApiException api)
    {
        var header = api.Headers?.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }
}
