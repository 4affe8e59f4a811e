using System.Globalization;
using System.Text;
using MinimaxMusic.Core.Text;

namespace MinimaxMusic.Core.Lyrics;

/// <summary>
/// The one lyrics validator: pure (no UI, no I/O), used by the page for instant feedback and by the service and
/// REST API as the authority. The vendor's rules: a new line separates lines, two add a pause, <c>##</c> at the very
/// beginning and end adds accompaniment, at most 600 characters.
/// </summary>
public static class LyricsAnalyzer
{
    public const int MaxLength = 600;
    public const int LongLineLength = 100;
    public static readonly TimeSpan OutputLimit = TimeSpan.FromSeconds(60);

    // The same pacing as the simulator's LyricsSynthesizer, so the estimate and the demo audio agree.
    internal const double SecondsPerSyllable = 0.28;
    internal const double SecondsPerLineEnd = 0.22;
    internal const double SecondsPerPause = 0.6;

    private const string Marker = "##";
    private const string ZeroWidthCharacters = "\u200B\u200C\u200D\uFEFF\u2060";
    private const string NonBreakingSpaces = "\u00A0\u202F";
    private const string Vowels = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüÿ";

    public static LyricsAnalysis Analyze(string? raw)
    {
        var original = raw ?? string.Empty;
        var diagnostics = new List<LyricsDiagnostic>();
        var prompt = Normalize(original, diagnostics);

        // A final new line ends the last line; it does not start another one.
        var physical = prompt.Split('\n');
        var lineTexts = prompt.EndsWith('\n') ? physical[..^1] : physical;

        // Zero-width, bidi and other format characters draw nothing: lyrics of only those (and spaces, new lines and
        // markers) would be sent and charged for a song with no words.
        var blank = string.IsNullOrWhiteSpace(prompt);
        var withoutMarkers = prompt.Replace(Marker, string.Empty, StringComparison.Ordinal);
        var onlyInvisible = !string.IsNullOrWhiteSpace(withoutMarkers) && TextElements.IsInvisible(withoutMarkers);
        var nothingToSing = blank || onlyInvisible;

        CheckCharacters(physical, diagnostics, warnZeroWidth: !onlyInvisible);
        if (prompt.Length > MaxLength)
        {
            diagnostics.Add(new(LyricsSeverity.Error, $"The lyrics are {prompt.Length} characters; the model accepts at most {MaxLength}.", null, null));
        }

        var accompaniment = !nothingToSing && CheckMarkers(prompt, diagnostics);
        var lines = BuildLines(lineTexts, accompaniment);
        var sung = lines.Count(l => l.Kind == PromptLineKind.Sung);
        var pauses = lines.Count(l => l.Kind == PromptLineKind.Pause);
        var seconds = (lines.Where(l => l.Kind == PromptLineKind.Sung).Sum(l => CountSyllables(l.Text)) * SecondsPerSyllable)
            + (sung * SecondsPerLineEnd)
            + (pauses * SecondsPerPause);
        var estimate = TimeSpan.FromSeconds(seconds);

        if (onlyInvisible)
        {
            var codes = withoutMarkers.EnumerateRunes().Where(r => !Rune.IsWhiteSpace(r)).Select(r => $"U+{r.Value:X4}").Distinct().ToList();
            diagnostics.Add(new(LyricsSeverity.Error,
                $"There is nothing to sing: the lyrics hold only invisible characters ({string.Join(", ", codes.Take(5))}"
                + (codes.Count > 5 ? ", …" : string.Empty) + ") and spaces or blank lines. Delete them and write some words.", null, null));
        }
        else if (nothingToSing)
        {
            diagnostics.Add(new(LyricsSeverity.Error, prompt.Length == 0
                ? "Write some lyrics first."
                : "The lyrics are only spaces and blank lines; write some words to sing.", null, null));
        }
        else
        {
            CheckLines(lineTexts, lines, diagnostics);
            if (estimate > OutputLimit)
            {
                diagnostics.Add(new(LyricsSeverity.Warning,
                    $"Estimated ~{Math.Ceiling(seconds):0} s of singing; the model makes at most about a minute, so the end may be cut.", null, null));
            }

            diagnostics.Add(new(LyricsSeverity.Info,
                $"{Count(sung, "sung line")}, {Count(pauses, "pause")}, accompaniment "
                + (accompaniment ? "on (## at the start and the end)" : "off (wrap the lyrics in ##…## to add it)")
                + $"; about {Math.Round(seconds):0} s of singing (an estimate).", null, null));
        }

        var ordered = diagnostics
            .OrderBy(d => d.Severity)
            .ThenBy(d => d.Line ?? 0)
            .ThenBy(d => d.Column ?? 0)
            .ToList();
        return new LyricsAnalysis(original, prompt, ordered, sung, pauses, accompaniment, estimate, lines);
    }

    /// <summary>Vowel groups per word, at least one for a word with letters or digits: the simulator's rule.</summary>
    internal static int CountSyllables(string line)
    {
        var total = 0;
        foreach (var word in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var groups = 0;
            var letters = 0;
            var inVowel = false;
            foreach (var c in word.ToLowerInvariant())
            {
                if (!char.IsLetterOrDigit(c))
                {
                    inVowel = false;
                    continue;
                }

                letters++;
                var vowel = Vowels.Contains(c, StringComparison.Ordinal);
                if (vowel && !inVowel)
                {
                    groups++;
                }

                inVowel = vowel;
            }

            total += letters == 0 ? 0 : Math.Max(1, groups);
        }

        return total;
    }

    // Every change is reported: the writer must be able to see that what is sent differs from what they typed. Shared
    // with SectionLyrics: the service sends every model's lyrics normalized this way.
    internal static string Normalize(string text, List<LyricsDiagnostic> diagnostics)
    {
        if (text.Contains("\r\n", StringComparison.Ordinal))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
            diagnostics.Add(new(LyricsSeverity.Info, "Windows line endings were converted to plain new lines.", null, null));
        }

        if (text.Contains('\r', StringComparison.Ordinal))
        {
            text = text.Replace('\r', '\n');
            diagnostics.Add(new(LyricsSeverity.Info, "Carriage returns (old Mac line endings) were converted to plain new lines.", null, null));
        }

        var first = text.AsSpan().IndexOfAny(NonBreakingSpaces);
        if (first >= 0)
        {
            var count = text.Count(c => NonBreakingSpaces.Contains(c, StringComparison.Ordinal));
            var (line, column) = Position(text, first);
            text = text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
            diagnostics.Add(new(LyricsSeverity.Info, count == 1
                ? $"Line {line}: a non-breaking space was converted to an ordinary space."
                : $"Line {line}: {count} non-breaking spaces (the first on this line) were converted to ordinary spaces.", line, column));
        }

        return text;
    }

    private static void CheckCharacters(string[] lines, List<LyricsDiagnostic> diagnostics, bool warnZeroWidth)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i];
            var controls = Occurrences(text, c => char.IsControl(c) && c != '\t');
            if (controls.Count > 0)
            {
                var column = Column(text, controls[0]);
                var codes = CodePoints(text, controls);
                diagnostics.Add(new(LyricsSeverity.Error, codes.Count == 1
                    ? $"Line {i + 1}, column {column}: the invisible control character {codes[0]} is not allowed; delete it."
                    : $"Line {i + 1}, column {column}: invisible control characters ({string.Join(", ", codes)}) are not allowed; delete them.",
                    i + 1, column));
            }

            // When they are all there is, the error that there is nothing to sing names them instead.
            var zeroWidth = Occurrences(text, c => ZeroWidthCharacters.Contains(c, StringComparison.Ordinal));
            if (warnZeroWidth && zeroWidth.Count > 0)
            {
                var column = Column(text, zeroWidth[0]);
                var codes = CodePoints(text, zeroWidth);
                diagnostics.Add(new(LyricsSeverity.Warning, zeroWidth.Count == 1
                    ? $"Line {i + 1}, column {column}: an invisible zero-width character ({codes[0]}); it counts towards the {MaxLength} characters. Delete it unless you meant it."
                    : $"Line {i + 1}, column {column}: {zeroWidth.Count} invisible zero-width characters ({string.Join(", ", codes)}); they count towards the {MaxLength} characters. Delete them unless you meant them.",
                    i + 1, column));
            }
        }
    }

    /// <summary>Reports every misplaced <c>##</c>; returns whether accompaniment is on.</summary>
    private static bool CheckMarkers(string prompt, List<LyricsDiagnostic> diagnostics)
    {
        var opens = prompt.StartsWith(Marker, StringComparison.Ordinal);
        var closes = prompt.Length >= 2 * Marker.Length && prompt.EndsWith(Marker, StringComparison.Ordinal);
        var from = opens ? Marker.Length : 0;
        var to = closes ? prompt.Length - Marker.Length : prompt.Length;
        var inner = prompt[from..to];

        var stray = 0;
        var misplacedOpening = false;
        var misplacedClosing = false;
        for (var at = inner.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = inner.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal))
        {
            stray++;
            var index = from + at;
            var (line, column) = Position(prompt, index);
            string message;
            if (!opens && string.IsNullOrWhiteSpace(prompt[..index]))
            {
                misplacedOpening = true;
                message = $"Line {line}, column {column}: the opening ## must be the very first characters of the lyrics; remove the spaces or blank lines before it.";
            }
            else if (!closes && string.IsNullOrWhiteSpace(prompt[(index + Marker.Length)..]))
            {
                misplacedClosing = true;
                message = $"Line {line}, column {column}: the closing ## must be the very last characters of the lyrics; remove the spaces or new lines after it.";
            }
            else
            {
                message = $"Line {line}, column {column}: ## can only stand at the very start and the very end of the lyrics (it turns accompaniment on); remove this one.";
            }

            diagnostics.Add(new(LyricsSeverity.Error, message, line, column));
        }

        if (opens && !closes && !misplacedClosing)
        {
            diagnostics.Add(new(LyricsSeverity.Error,
                "Line 1: a lone ## — accompaniment needs ## at the very start and ## at the very end.", 1, 1));
        }

        if (closes && !opens && !misplacedOpening)
        {
            var (line, column) = Position(prompt, prompt.Length - Marker.Length);
            diagnostics.Add(new(LyricsSeverity.Error,
                $"Line {line}: a lone ## at the end — accompaniment needs ## at the very start and ## at the very end.", line, column));
        }

        var accompaniment = opens && closes && stray == 0;
        if (accompaniment && string.IsNullOrWhiteSpace(inner))
        {
            diagnostics.Add(new(LyricsSeverity.Error,
                "Line 1: there are no lyrics between the ## markers; write the song between the opening ## and the closing ##.", 1, null));
            return false;
        }

        return accompaniment;
    }

    private static List<PromptLine> BuildLines(string[] texts, bool accompaniment)
    {
        var lines = new List<PromptLine>(texts.Length + 2);
        for (var i = 0; i < texts.Length; i++)
        {
            var number = i + 1;
            var text = texts[i];
            var opens = accompaniment && i == 0;
            var closes = accompaniment && i == texts.Length - 1;
            if (opens)
            {
                lines.Add(new(PromptLineKind.AccompanimentStart, Marker, number));
                text = text[Marker.Length..];
            }

            if (closes)
            {
                text = text[..^Marker.Length];
            }

            // A line holding only a marker is drawn by the marker row; it is neither sung nor a pause.
            if (!((opens || closes) && string.IsNullOrWhiteSpace(text)))
            {
                lines.Add(new(string.IsNullOrWhiteSpace(text) ? PromptLineKind.Pause : PromptLineKind.Sung, text, number));
            }

            if (closes)
            {
                lines.Add(new(PromptLineKind.AccompanimentEnd, Marker, number));
            }
        }

        return lines;
    }

    private static void CheckLines(string[] texts, List<PromptLine> lines, List<LyricsDiagnostic> diagnostics)
    {
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i];
            var trailing = text.Length - text.TrimEnd(' ', '\t').Length;
            if (trailing > 0)
            {
                var column = Column(text, text.Length - trailing);
                diagnostics.Add(new(LyricsSeverity.Warning,
                    $"Line {i + 1}: {Count(trailing, "invisible space")} at the end of the line (spaces show as · and tabs as → in the preview); the model receives them too.",
                    i + 1, column));
            }
        }

        foreach (var line in lines.Where(l => l.Kind == PromptLineKind.Sung))
        {
            var length = new StringInfo(line.Text).LengthInTextElements;
            if (length > LongLineLength)
            {
                diagnostics.Add(new(LyricsSeverity.Warning,
                    $"Line {line.LineNumber} is {length} characters long, much longer than a sung line; break it with new lines where you would breathe.",
                    line.LineNumber, null));
            }
        }

        // One new line starts the next line, two make a pause; the vendor defines nothing for more.
        var runStart = 0;
        var runLength = 0;
        foreach (var line in lines.Append(new PromptLine(PromptLineKind.Sung, string.Empty, 0)))
        {
            if (line.Kind == PromptLineKind.Pause)
            {
                runStart = runLength == 0 ? line.LineNumber : runStart;
                runLength++;
                continue;
            }

            if (runLength >= 2)
            {
                diagnostics.Add(new(LyricsSeverity.Warning,
                    $"Lines {runStart}–{runStart + runLength - 1}: {runLength} blank lines in a row. The model knows one new line (next line) and two (a pause); more is undefined, so use one blank line per pause.",
                    runStart, null));
            }

            runLength = 0;
        }
    }

    private static List<int> Occurrences(string text, Func<char, bool> match)
    {
        var found = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (match(text[i]))
            {
                found.Add(i);
            }
        }

        return found;
    }

    private static List<string> CodePoints(string text, List<int> indexes) =>
        indexes.Select(i => $"U+{(int)text[i]:X4}").Distinct().ToList();

    private static (int Line, int Column) Position(string text, int index)
    {
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        var line = 1 + text.AsSpan(0, lineStart).Count('\n');
        return (line, Column(text[lineStart..], index - lineStart));
    }

    // Columns count what the writer sees: a precomposed or combined é, or an emoji, is one column.
    private static int Column(string line, int index) => new StringInfo(line[..index]).LengthInTextElements + 1;

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
