using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MinimaxMusic.Web.Security;

/// <summary>
/// Unguessable tokens (share links, invites, API tokens, hosted reference names): random bytes from the OS CSPRNG in
/// base64url without padding, and the SHA-256 under which a token is stored when only its holder may know it.
/// </summary>
internal static class SecretTokens
{
    /// <summary>256 bits unless said otherwise.</summary>
    public static string New(int byteCount = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(byteCount));

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes (tokens are random, so no salt or stretching is needed).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
