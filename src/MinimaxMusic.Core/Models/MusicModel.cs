namespace MinimaxMusic.Core.Models;

/// <summary>How a model reads lyrics.</summary>
public enum LyricDialect
{
    /// <summary>The legacy model: the prompt is the lyrics; <c>##…##</c> adds accompaniment, a blank line a pause, at most 600 characters.</summary>
    Legacy,

    /// <summary>Plain lines with structure tags such as <c>[Verse]</c> and <c>[Chorus]</c> on their own line, up to 3000 characters.</summary>
    SectionTags,
}

/// <summary>A length rule for one text field: required or not, and its bounds in UTF-16 units (what the vendor's API counts).</summary>
public sealed record TextLimit(int Min, int Max, bool Required)
{
    public static TextLimit None { get; } = new(0, 0, Required: false);

    public bool Accepted => Max > 0;
}

/// <summary>What a model asks of a reference track, checked on our side before any credit is spent.</summary>
public sealed record ReferenceRules(
    bool Required,
    TimeSpan MinDuration,
    bool MinExclusive,
    TimeSpan? MaxDuration,
    long MaxBytes,
    IReadOnlyList<string> Formats)
{
    public static ReferenceRules None { get; } = new(false, TimeSpan.Zero, false, null, 0, []);

    public bool Accepted => Formats.Count > 0;

    /// <summary>The reference may be sent as the audio itself (base64) instead of a URL: the cover model's "URL or Base64".</summary>
    public bool AcceptsData { get; init; }

    /// <summary>The formats for people: "MP3 or WAV", "MP3, WAV, FLAC, OGG, M4A or AAC".</summary>
    public string FormatList => Formats.Count switch
    {
        0 => "none",
        1 => Formats[0].ToUpperInvariant(),
        _ => string.Join(", ", Formats.Take(Formats.Count - 1).Select(f => f.ToUpperInvariant())) + " or " + Formats[^1].ToUpperInvariant(),
    };
}

/// <summary>The output settings a model takes (<c>audio_setting</c>), and the name its sample-rate field has.</summary>
public sealed record AudioSettingsRules(
    string SampleRateField,
    IReadOnlyList<int> SampleRates,
    IReadOnlyList<int> Bitrates,
    IReadOnlyList<string> Formats,
    int DefaultSampleRate,
    int DefaultBitrate,
    string DefaultFormat)
{
    public static AudioSettingsRules None { get; } = new(string.Empty, [], [], [], 0, 0, string.Empty);

    public bool Accepted => Formats.Count > 0;
}

/// <summary>
/// One model the vendor offers, as data: what it is called, what it takes and within which limits. Everything the Create
/// page, the server's checks, the REST API and the simulator need to know about a model comes from here.
/// </summary>
public sealed record MusicModel(
    string Id,
    string Name,
    string Description,
    bool IsLegacy,
    TextLimit Style,
    TextLimit Lyrics,
    LyricDialect Dialect,
    ReferenceRules Reference,
    AudioSettingsRules Audio,
    bool OffersInstrumental,
    bool OffersLyricsOptimizer,
    string IdExample)
{
    /// <summary>The longest song the model makes, roughly (what a person can expect).</summary>
    public TimeSpan? TypicalMaxDuration { get; init; }

    /// <summary>
    /// What one song is taken to cost in US dollars until the vendor says (its <c>usd_spent</c>): held against a
    /// monthly budget while a song is in flight. Set on the high side, so a budget is never overrun by guessing low.
    /// </summary>
    public decimal TypicalUsd { get; init; }
}
