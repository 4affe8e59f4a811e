using System.Globalization;

namespace MinimaxMusic.Web.Features.Spending;

/// <summary>Dollar amounts as people read them everywhere in the app: <c>$0.20</c>, whatever the server's culture.</summary>
internal static class Dollars
{
    /// <summary><c>$1,234.50</c>; amounts under a cent keep their digits (<c>$0.0012</c>) instead of showing as <c>$0.00</c>.</summary>
    public static string Format(decimal amount) =>
        amount != 0 && Math.Abs(amount) < 0.01m
            ? "$" + amount.ToString("0.00##", CultureInfo.InvariantCulture)
            : "$" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// One song's charge as the AIML service wrote it: two decimals at least (<c>$0.20</c>), and every further digit it
    /// gave (<c>$0.063</c>, where <see cref="Format"/> would round to <c>$0.06</c>); trailing zeros beyond the cents go.
    /// </summary>
    public static string Charged(decimal amount) => "$" + amount.ToString("#,0.00##########################", CultureInfo.InvariantCulture);

}
