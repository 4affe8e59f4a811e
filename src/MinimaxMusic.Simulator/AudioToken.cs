using System.Security.Cryptography;

namespace MinimaxMusic.Simulator;

/// <summary>CDN file names like the vendor's (<c>Oa2XHFE1hEsUn1qbcAL2s_output.mp3</c>): 21 URL-safe characters.</summary>
internal static class AudioToken
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    public static string Create() => RandomNumberGenerator.GetString(Alphabet, 21);
}
