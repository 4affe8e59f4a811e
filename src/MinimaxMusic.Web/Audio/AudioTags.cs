using System.Buffers.Binary;
using System.Text;

namespace MinimaxMusic.Web.Audio;

/// <summary>What a downloaded file says about itself: the song's title, who made it, its lyrics and a comment.</summary>
internal sealed record AudioTags(string Title, string? Artist, string? Lyrics, string? Comment)
{
    /// <summary>
    /// An ID3v2.3 tag (the version every player reads) with title (TIT2), artist (TPE1), comment (COMM) and lyrics as
    /// an unsynchronised-lyrics frame (USLT) — the frame players show lyrics from; ffmpeg 5 only writes a TXXX text for
    /// them. Text is UTF-16 with a byte-order mark, so any script survives.
    /// </summary>
    public byte[] ToId3v2()
    {
        using var frames = new MemoryStream();
        WriteFrame(frames, "TIT2", TextFrame(Title));
        if (!string.IsNullOrEmpty(Artist))
        {
            WriteFrame(frames, "TPE1", TextFrame(Artist));
        }

        if (!string.IsNullOrEmpty(Comment))
        {
            WriteFrame(frames, "COMM", LanguageFrame(Comment));
        }

        if (!string.IsNullOrEmpty(Lyrics))
        {
            WriteFrame(frames, "USLT", LanguageFrame(Lyrics));
        }

        var size = (int)frames.Length;
        // The tag's size is "syncsafe": 7 bits per byte, 28 bits in all.
        if (size >= 1 << 28)
        {
            throw new InvalidOperationException("The tags are too large for an ID3v2 tag.");
        }

        var tag = new byte[10 + size];
        "ID3"u8.CopyTo(tag);
        tag[3] = 3; // version 2.3.0, no flags
        tag[6] = (byte)((size >> 21) & 0x7F);
        tag[7] = (byte)((size >> 14) & 0x7F);
        tag[8] = (byte)((size >> 7) & 0x7F);
        tag[9] = (byte)(size & 0x7F);
        frames.GetBuffer().AsSpan(0, size).CopyTo(tag.AsSpan(10));
        return tag;
    }

    private const byte Utf16WithBom = 1;

    // "XXX": the language is not known (ID3v2 says so for unknown languages); lyrics come in any language.
    private static ReadOnlySpan<byte> UnknownLanguage => "XXX"u8;

    private static byte[] TextFrame(string text) => [Utf16WithBom, .. Utf16(text)];

    /// <summary>COMM and USLT: encoding, language, an empty description (terminated), then the text.</summary>
    private static byte[] LanguageFrame(string text) => [Utf16WithBom, .. UnknownLanguage, .. Utf16(""), 0, 0, .. Utf16(text)];

    private static byte[] Utf16(string text) => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];

    private static void WriteFrame(Stream frames, string id, byte[] body)
    {
        Span<byte> header = stackalloc byte[10];
        Encoding.ASCII.GetBytes(id, header);
        // ID3v2.3 frame sizes are plain big-endian (v2.4 made them syncsafe); two flag bytes stay zero.
        BinaryPrimitives.WriteInt32BigEndian(header[4..], body.Length);
        frames.Write(header);
        frames.Write(body);
    }
}
