using System.Globalization;

namespace MinimaxMusic.Web.Features.Spending;

/// <summary>
/// A calendar month in UTC: what spending is counted in and a budget resets on. Songs are stored with UTC times, so
/// "this month" is the same for every person whatever their time zone.
/// </summary>
internal readonly record struct UtcMonth(int Year, int Month)
{
    /// <summary>The month <paramref name="utc"/> falls in.</summary>
    public static UtcMonth Of(DateTime utc) => new(utc.Year, utc.Month);

    public static UtcMonth Of(TimeProvider time) => Of(time.GetUtcNow().UtcDateTime);

    /// <summary>From the <c>2026-11</c> form an address carries; null when it is not one.</summary>
    public static UtcMonth? Parse(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? Of(day) : null;

    /// <summary>Its first instant (inclusive).</summary>
    public DateTime Start => new(Year, Month, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The next month's first instant (exclusive).</summary>
    public DateTime End => Start.AddMonths(1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public UtcMonth Previous => Of(Start.AddMonths(-1));

    public UtcMonth Next => Of(End);

    /// <summary>"2026-11": for addresses.</summary>
    public string Key => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"November 2026": for people.</summary>
    public string Label => Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"1 December": the day the month after this one starts, when a monthly budget begins again.</summary>
    public string ResetsOn => End.ToString("d MMMM", CultureInfo.InvariantCulture);

    public bool Contains(DateTime utc) => utc >= Start && utc < End;
}
