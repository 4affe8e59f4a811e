using System.Globalization;
using System.Text;

namespace MinimaxMusic.Core.Text;

/// <summary>
/// Text measured and cut by what people see: text elements (extended grapheme clusters), so an emoji, a flag, a family
/// joined by ZWJ or a letter with its accents is one character and is never cut in half. A cut in UTF-16 units leaves
/// a lone surrogate (shown as U+FFFD) or strips an accent from its letter.
/// </summary>
public static class TextElements
{
    public const string Ellipsis = "…";

    /// <summary>How many characters a person sees in <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var at = 0; at < text.Length; at += StringInfo.GetNextTextElementLength(text[at..]))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// <paramref name="text"/> when it has at most <paramref name="maxElements"/> text elements and at most
    /// <paramref name="maxLength"/> UTF-16 units (a stored column, a file name); otherwise as many whole elements as
    /// fit with <see cref="Ellipsis"/> after them (trailing spaces before the ellipsis are dropped).
    /// </summary>
    public static string Truncate(string text, int maxElements, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxElements, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, Ellipsis.Length);
        if (text.Length <= maxLength && Fits(text, maxElements))
        {
            return text;
        }

        var span = text.AsSpan();
        var end = 0;
        var keptEnd = 0;
        for (var kept = 0; kept < maxElements - 1 && end < span.Length; kept++)
        {
            var next = StringInfo.GetNextTextElementLength(span[end..]);
            if (end + next > maxLength - Ellipsis.Length)
            {
                break;
            }

            // Whole elements only, also when dropping the spaces before the ellipsis.
            if (!span.Slice(end, next).IsWhiteSpace())
            {
                keptEnd = end + next;
            }

            end += next;
        }

        return string.Concat(span[..keptEnd], Ellipsis);
    }

    /// <summary>
    /// Whether <paramref name="text"/> shows nothing at all: it is empty or holds only white space, control characters
    /// and invisible format characters (Unicode category Cf: zero-width spaces and joiners, bidi controls, the BOM, the
    /// soft hyphen, the word joiner) or other default-ignorable ones (variation selectors, Hangul fillers).
    /// </summary>
    public static bool IsInvisible(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="rune"/> draws nothing on its own (see <see cref="IsInvisible(ReadOnlySpan{char})"/>).</summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
        || rune.Value is 0x034F // combining grapheme joiner
            or 0x115F or 0x1160 or 0x3164 or 0xFFA0 // Hangul fillers
            or 0x17B4 or 0x17B5 // Khmer inherent vowels
            or (>= 0x180B and <= 0x180F) // Mongolian variation selectors
            or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF); // variation selectors

    private static bool Fits(ReadOnlySpan<char> text, int maxElements)
    {
        // Cheap and exact: no text has more elements than UTF-16 units.
        if (text.Length <= maxElements)
        {
            return true;
        }

        var count = 0;
        for (var at = 0; at < text.Length; at += StringInfo.GetNextTextElementLength(text[at..]))
        {
            if (++count > maxElements)
            {
                return false;
            }
        }

        return true;
    }
}
