namespace MinimaxMusic.Core.Songs;

/// <summary>What a vendor status word means for a song.</summary>
public enum VendorState
{
    Queued,
    Generating,
    Completed,
    Failed,

    /// <summary>A word the contract does not list: treated as still running until the timeout, and logged.</summary>
    Unknown,
}

/// <summary>The vendor's status words, read in one place.</summary>
public static class VendorStatus
{
    /// <summary>
    /// <c>queued</c> and <c>waiting</c> (seen in the vendor's own sample) wait their turn, <c>generating</c> runs,
    /// <c>completed</c> and <c>error</c> are final; anything else is <see cref="VendorState.Unknown"/>.
    /// </summary>
    public static VendorState Map(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "queued" or "waiting" => VendorState.Queued,
        "generating" => VendorState.Generating,
        "completed" => VendorState.Completed,
        "error" => VendorState.Failed,
        _ => VendorState.Unknown,
    };
}

/// <summary>The outcome of asking the vendor about a song, as the song needs it.</summary>
public abstract record VendorReport
{
    private VendorReport()
    {
    }

    /// <summary>The vendor answered with the song's state.</summary>
    public sealed record Answer(VendorState State, AudioLink? Audio = null, double? CreditsUsed = null, string? ErrorName = null, string? ErrorMessage = null,
        decimal? UsdSpent = null)
        : VendorReport;

    /// <summary>The vendor does not know the song's id (404).</summary>
    public sealed record Unknown : VendorReport;

    /// <summary>The vendor could not be asked (network, 5xx, 429, an unreadable answer): a transient problem.</summary>
    public sealed record Unreachable(string Problem) : VendorReport;
}
