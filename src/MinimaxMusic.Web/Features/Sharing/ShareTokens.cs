using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.Sharing;

/// <summary>Share tokens: 256 random bits from the OS CSPRNG, base64url without padding (43 characters).</summary>
internal static class ShareTokens
{
    public const int ByteCount = 32;

    public static string Create() => SecretTokens.New(ByteCount);

    /// <summary>Cheap shape check before touching the database, so junk paths never cost a query.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: > 0 and <= 64 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
