namespace MinimaxMusic.Web.Features.Sharing;

/// <summary>The expiry choices the share dialog offers.</summary>
public enum ShareExpiry
{
    Never,
    OneDay,
    SevenDays,
    ThirtyDays,
}

internal static class ShareExpiryChoices
{
    public static string Label(this ShareExpiry expiry) => expiry switch
    {
        ShareExpiry.OneDay => "1 day",
        ShareExpiry.SevenDays => "7 days",
        ShareExpiry.ThirtyDays => "30 days",
        _ => "Never",
    };

    public static DateTime? ExpiresAt(this ShareExpiry expiry, DateTime nowUtc) => expiry switch
    {
        ShareExpiry.OneDay => nowUtc.AddDays(1),
        ShareExpiry.SevenDays => nowUtc.AddDays(7),
        ShareExpiry.ThirtyDays => nowUtc.AddDays(30),
        _ => null,
    };
}
