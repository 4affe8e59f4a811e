using System.Text;

namespace MinimaxMusic.Web.Features.References;

internal enum SniffedContent
{
    Unknown,
    Mp3,
    Wav,
    Flac,
    Ogg,
    M4a,
    Aac,
    Html,
}

/// <summary>Recognises MP3, WAV, FLAC, OGG, M4A, AAC (ADTS) and HTML from a file's first bytes, for servers that send a generic content type.</summary>
internal static class AudioSniffer
{
    public const int BytesNeeded = 512;

    public static SniffedContent Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return SniffedContent.Wav;
        }

        if (head.StartsWith("fLaC"u8))
        {
            return SniffedContent.Flac;
        }

        if (head.StartsWith("OggS"u8))
        {
            return SniffedContent.Ogg;
        }

        // An ISO media file: a box size, then "ftyp".
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return SniffedContent.M4a;
        }

        // ADTS AAC: the MPEG sync word with layer 00 (which MP3 frames never have).
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xF6) == 0xF0)
        {
            return SniffedContent.Aac;
        }

        if (head.StartsWith("ID3"u8))
        {
            return SniffedContent.Mp3;
        }

        // MPEG audio frame sync: eleven set bits, then a valid version (not 01), layer (not 00) and bitrate (not 1111).
        if (head.Length >= 3 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0
            && (head[1] & 0x18) != 0x08 && (head[1] & 0x06) != 0 && (head[2] & 0xF0) != 0xF0)
        {
            return SniffedContent.Mp3;
        }

        return LooksLikeHtml(head) ? SniffedContent.Html : SniffedContent.Unknown;
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var text = Encoding.ASCII.GetString(head[..Math.Min(head.Length, 64)]).TrimStart().ToLowerInvariant();
        return text.StartsWith("<!doctype html", StringComparison.Ordinal) || text.StartsWith("<html", StringComparison.Ordinal)
            || text.StartsWith("<head", StringComparison.Ordinal) || text.StartsWith("<body", StringComparison.Ordinal)
            || (text.StartsWith("<!--", StringComparison.Ordinal) && text.Contains("html", StringComparison.Ordinal));
    }
}
