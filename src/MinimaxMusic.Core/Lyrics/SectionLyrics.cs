using System.Text.RegularExpressions;

namespace MinimaxMusic.Core.Lyrics;

/// <summary>One sung line of a section: its text and its 1-based line number in the lyrics.</summary>
public sealed record SectionLine(int LineNumber, string Text);

/// <summary>
/// A run of lines under one structure tag. <see cref="Tag"/> is the tag as written (<c>[Verse 2]</c>), null for the
/// lines before the first tag; <see cref="Name"/> is what it says (<c>Verse 2</c>). <see cref="IsKnown"/> is false for
/// a tag the models do not know (it may be sung as words).
/// </summary>
public sealed record LyricSection(string Name, string? Tag, bool IsKnown, int LineNumber, IReadOnlyList<SectionLine> Lines);

/// <summary>
/// What <see cref="SectionLyrics.Analyze"/> found. <see cref="Text"/> is what the model receives (line endings and
/// non-breaking spaces normalized, as the service sends it); <see cref="Length"/> counts UTF-16 units, as the vendor does.
/// </summary>
public sealed record SectionLyricsAnalysis(
    string Original,
    string Text,
    IReadOnlyList<LyricSection> Sections,
    IReadOnlyList<LyricsDiagnostic> Diagnostics)
{
    public int Length => Text.Length;

    public int LineCount => Sections.Sum(s => s.Lines.Count);
}

/// <summary>
/// The newer models' lyric dialect, pure: plain lines, with structure tags such as <c>[Verse]</c> or <c>[Chorus]</c> on
/// a line of their own shaping the arrangement. Lengths are the model's (<see cref="Models.ModelRules"/>); this finds
/// the sections and warns about what the model may misread: a tag it does not know, a tag inside a line, the legacy
/// model's <c>##</c> markers.
/// </summary>
public static partial class SectionLyrics
{
    /// <summary>The tags the editor offers as buttons, in the order a song usually has them.</summary>
    public static IReadOnlyList<string> CommonTags { get; } = ["Intro", "Verse", "Chorus", "Bridge", "Outro"];

    /// <summary>Every structure tag the MiniMax models document.</summary>
    public static IReadOnlyList<string> KnownTags { get; } =
    [
        "Intro", "Verse", "Pre-Chorus", "Chorus", "Post-Chorus", "Hook", "Bridge", "Interlude", "Break", "Build-Up",
        "Transition", "Solo", "Inst", "Instrumental", "Outro",
    ];

    private const string LegacyMarker = "##";

    private static readonly Dictionary<string, string> KnownByKey = KnownTags.ToDictionary(Key, t => t, StringComparer.Ordinal);

    public static SectionLyricsAnalysis Analyze(string? raw)
    {
        var original = raw ?? string.Empty;
        var diagnostics = new List<LyricsDiagnostic>();
        var text = LyricsAnalyzer.Normalize(original, diagnostics);
        var lines = text.Split('\n');

        var sections = new List<LyricSection>();
        string? name = null;
        string? tag = null;
        var known = true;
        var start = 1;
        var sung = new List<SectionLine>();

        void Close()
        {
            if (tag is not null || sung.Count > 0)
            {
                sections.Add(new LyricSection(name ?? "Before the first tag", tag, known, start, sung));
            }

            sung = [];
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            if (TagLine().Match(line) is { Success: true } own)
            {
                Close();
                name = own.Groups["name"].Value.Trim();
                tag = $"[{name}]";
                known = Known(name) is not null;
                start = number;
                if (!known)
                {
                    diagnostics.Add(new(LyricsSeverity.Warning, Unknown(number, tag, name), number, Column(line, own.Groups["name"].Index - 1)));
                }

                continue;
            }

            foreach (Match inline in InlineTag().Matches(line))
            {
                var inner = inline.Groups["name"].Value.Trim();
                var written = $"[{inner}]";
                var message = Known(inner) is not null
                    ? $"Line {number}: {written} is not on a line of its own; put it on its own line so the model starts a section there instead of singing it."
                    : $"Line {number}: {written} inside a line may be sung as words; a section tag goes on a line of its own{Suggestion(inner)}.";
                diagnostics.Add(new(LyricsSeverity.Warning, message, number, Column(line, inline.Index)));
            }

            if (line.Trim().Length > 0)
            {
                sung.Add(new SectionLine(number, line));
            }
        }

        Close();
        CheckLegacyMarkers(text, lines, diagnostics);
        Summarize(sections, diagnostics);
        var ordered = diagnostics.OrderBy(d => d.Severity).ThenBy(d => d.Line ?? 0).ThenBy(d => d.Column ?? 0).ToList();
        return new SectionLyricsAnalysis(original, text, sections, ordered);
    }

    /// <summary>Whether <paramref name="line"/> is a structure tag on a line of its own (<c>[Chorus]</c>): not a sung line.</summary>
    public static bool IsTagLine(string line) => TagLine().IsMatch(line);

    /// <summary>The canonical name of a known tag (<c>pre chorus</c> and <c>Verse 2</c> included), or null.</summary>
    public static string? Known(string name) => KnownByKey.GetValueOrDefault(Key(name));

    private static void CheckLegacyMarkers(string text, string[] lines, List<LyricsDiagnostic> diagnostics)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith(LegacyMarker, StringComparison.Ordinal) && !trimmed.EndsWith(LegacyMarker, StringComparison.Ordinal))
        {
            return;
        }

        var line = trimmed.StartsWith(LegacyMarker, StringComparison.Ordinal)
            ? Array.FindIndex(lines, l => l.Trim().Length > 0) + 1
            : Array.FindLastIndex(lines, l => l.Trim().Length > 0) + 1;
        diagnostics.Add(new(LyricsSeverity.Warning,
            $"Line {line}: ## is the legacy model's accompaniment marker; this model does not know it and may sing it. Remove the ## markers.",
            line, null));
    }

    private static void Summarize(List<LyricSection> sections, List<LyricsDiagnostic> diagnostics)
    {
        var lines = sections.Sum(s => s.Lines.Count);
        var tagged = sections.Where(s => s.Tag is not null).ToList();
        if (lines == 0 && tagged.Count == 0)
        {
            return;
        }

        var count = lines == 1 ? "1 line" : $"{lines} lines";
        diagnostics.Add(new(LyricsSeverity.Info, tagged.Count == 0
            ? $"{count} and no section tags: the model arranges them itself. Put [Verse], [Chorus]… on lines of their own to shape the song."
            : $"{(tagged.Count == 1 ? "1 section" : $"{tagged.Count} sections")} ({string.Join(", ", tagged.Select(s => s.Name))}), {count} to sing.",
            null, null));
    }

    private static string Unknown(int line, string tag, string name) =>
        $"Line {line}: {tag} is not a section tag the models know{Suggestion(name)}; it may be sung as words.";

    private static string Suggestion(string name)
    {
        var key = Key(name);
        var (best, distance) = KnownByKey
            .Select(k => (Tag: k.Value, Distance: Distance(key, k.Key)))
            .MinBy(k => k.Distance);
        return key.Length > 2 && distance <= Math.Max(1, key.Length / 3) && distance > 0 ? $" (did you mean [{best}]?)" : string.Empty;
    }

    // "Pre chorus", "pre-chorus" and "PreChorus 2" are the same tag; a number counts verses, it does not name a new tag.
    private static string Key(string name) =>
        new string([.. name.ToLowerInvariant().Where(char.IsLetter)]);

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static int Column(string line, int index) => new System.Globalization.StringInfo(line[..Math.Max(0, index)]).LengthInTextElements + 1;

    [GeneratedRegex(@"^\s*\[(?<name>[^\[\]\n]{1,40})\]\s*$")]
    private static partial Regex TagLine();

    [GeneratedRegex(@"\[(?<name>[^\[\]\n]{1,40})\]")]
    private static partial Regex InlineTag();
}
