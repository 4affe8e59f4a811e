using System.Security.Cryptography;

namespace MinimaxMusic.Simulator;

/// <summary>Random names like the vendor's.</summary>
internal static class AudioToken
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary>21 URL-safe characters: the legacy CDN's file names (<c>Oa2XHFE1hEsUn1qbcAL2s_output.mp3</c>) and 2.6's ids.</summary>
    public static string Create() => RandomNumberGenerator.GetString(Alphabet, 21);

    /// <summary>16 letters: the newer models' object keys (<c>music/prod/tts-20260416000759-FRVqSDONLPpncief.mp3</c>).</summary>
    public static string CreateKey() => RandomNumberGenerator.GetString(Alphabet.AsSpan(0, 52), 16);
}
