namespace MinimaxMusic.Core.Lyrics;

// Public (not internal) because the Razor components that render these are public classes.

public enum LyricsSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>One finding about the lyrics. <see cref="Line"/> and <see cref="Column"/> are 1-based and refer to the
/// prompt (the normalized text); columns count characters as the writer sees them (an emoji is one column).
/// The message already names the line, so it can be shown on its own (page, service, REST API).</summary>
public sealed record LyricsDiagnostic(LyricsSeverity Severity, string Message, int? Line, int? Column);

public enum PromptLineKind
{
    /// <summary>The opening <c>##</c>: accompaniment starts.</summary>
    AccompanimentStart,

    /// <summary>A line with something to sing.</summary>
    Sung,

    /// <summary>A blank (or whitespace-only) line: the model pauses.</summary>
    Pause,

    /// <summary>The closing <c>##</c>: accompaniment ends.</summary>
    AccompanimentEnd,
}

/// <summary>One row of the preview. <see cref="Text"/> is the line exactly as sent, without the accompaniment
/// markers (they are rows of their own, sharing the line number of the line they stand on).</summary>
public sealed record PromptLine(PromptLineKind Kind, string Text, int LineNumber);

/// <summary>What <see cref="LyricsAnalyzer.Analyze"/> found. <see cref="Prompt"/> is exactly what the model
/// receives; <see cref="Length"/> is its length in UTF-16 code units, the count the vendor's JavaScript API
/// enforces and the number the page's counter shows.</summary>
public sealed record LyricsAnalysis(
    string Original,
    string Prompt,
    IReadOnlyList<LyricsDiagnostic> Diagnostics,
    int LineCount,
    int PauseCount,
    bool HasAccompaniment,
    TimeSpan EstimatedDuration,
    IReadOnlyList<PromptLine> Lines)
{
    public int Length => Prompt.Length;

    public bool HasErrors => Diagnostics.Any(d => d.Severity == LyricsSeverity.Error);
}
