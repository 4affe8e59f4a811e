namespace MinimaxMusic.Core.Models;

/// <summary>
/// The vendor's MiniMax music models (shared/contract/models: the vendor's own schemas). The legacy model this app was
/// made for comes first; <c>AimlApi:Models</c> chooses which are offered.
/// </summary>
public static class ModelCatalog
{
    public const string Legacy = "minimax-music";
    public const string Music15 = "minimax/music-1.5";
    public const string Music20 = "minimax/music-2.0";
    public const string Music26 = "minimax/music-2.6";
    public const string Cover = "minimax/music-cover";

    public const long FiftyMegabytes = 50L * 1024 * 1024;

    private static readonly AudioSettingsRules NewModelAudio = new(
        "audio_sample_rate", [16000, 24000, 32000, 44100], [32000, 64000, 128000, 256000], ["mp3", "wav", "pcm"], 44100, 256000, "mp3");

    // Typical prices (MusicModel.TypicalUsd). The vendor's docs give one figure: a music-2.6 submit answered
    // usd_spent 0.195 (contract/models/music-2-6.md). The rest are not published; these are rounded up on purpose
    // (a budget must not be overrun by a low guess): longer songs and newer models cost more.
    private const decimal LegacyTypicalUsd = 0.10m;
    private const decimal LongSongTypicalUsd = 0.20m;

    private static readonly TextLimit TaggedLyrics = new(10, 3000, Required: true);

    public static IReadOnlyList<MusicModel> All { get; } =
    [
        new(Legacy, "MiniMax Music (legacy)",
            "About a minute of song sung to your lyrics in the voice and style of a reference track.",
            IsLegacy: true,
            Style: TextLimit.None,
            Lyrics: new(1, 600, Required: true),
            Dialect: LyricDialect.Legacy,
            Reference: new(Required: true, TimeSpan.FromSeconds(15), MinExclusive: true, MaxDuration: null, FiftyMegabytes, ["mp3", "wav"]),
            Audio: AudioSettingsRules.None,
            OffersInstrumental: false,
            OffersLyricsOptimizer: false,
            IdExample: "906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music") { TypicalMaxDuration = TimeSpan.FromMinutes(1), TypicalUsd = LegacyTypicalUsd },
        new(Music15, "MiniMax Music 1.5",
            "Songs of up to about four minutes from a style description and tagged lyrics.",
            IsLegacy: false,
            Style: new(10, 300, Required: true),
            Lyrics: TaggedLyrics,
            Dialect: LyricDialect.SectionTags,
            Reference: ReferenceRules.None,
            Audio: NewModelAudio,
            OffersInstrumental: false,
            OffersLyricsOptimizer: false,
            IdExample: "NDxdQ2xZY1L6PYQNkJgbA") { TypicalMaxDuration = TimeSpan.FromMinutes(4), TypicalUsd = LongSongTypicalUsd },
        new(Music20, "MiniMax Music 2.0",
            "Songs from a longer style description (up to 2000 characters) and tagged lyrics.",
            IsLegacy: false,
            Style: new(10, 2000, Required: true),
            Lyrics: TaggedLyrics,
            Dialect: LyricDialect.SectionTags,
            Reference: ReferenceRules.None,
            Audio: NewModelAudio,
            OffersInstrumental: false,
            OffersLyricsOptimizer: false,
            IdExample: "NDxdQ2xZY1L6PYQNkJgbA") { TypicalMaxDuration = TimeSpan.FromMinutes(4), TypicalUsd = LongSongTypicalUsd },
        new(Music26, "MiniMax Music 2.6",
            "The newest: tagged lyrics or lyrics written for you from the style, and instrumentals.",
            IsLegacy: false,
            // The schema requires only the model; its text gives 10–2000 and 10–3000 when a field is sent.
            Style: new(10, 2000, Required: false),
            Lyrics: new(10, 3000, Required: false),
            Dialect: LyricDialect.SectionTags,
            Reference: ReferenceRules.None,
            Audio: NewModelAudio,
            OffersInstrumental: true,
            OffersLyricsOptimizer: true,
            IdExample: "NDxdQ2xZY1L6PYQNkJgbA") { TypicalMaxDuration = TimeSpan.FromMinutes(4), TypicalUsd = LongSongTypicalUsd },
        new(Cover, "MiniMax Music Cover",
            "A new style (and new words, if you like) on the melody of a reference track.",
            IsLegacy: false,
            Style: new(10, 2000, Required: true),
            Lyrics: new(10, 3000, Required: false),
            Dialect: LyricDialect.SectionTags,
            Reference: new(Required: true, TimeSpan.FromSeconds(6), MinExclusive: false, TimeSpan.FromMinutes(6), FiftyMegabytes,
                ["mp3", "wav", "flac", "ogg", "m4a", "aac"]) { AcceptsData = true },
            Audio: NewModelAudio with { SampleRateField = "sample_rate" },
            OffersInstrumental: false,
            OffersLyricsOptimizer: false,
            IdExample: "NDxdQ2xZY1L6PYQNkJgbA") { TypicalMaxDuration = TimeSpan.FromMinutes(6), TypicalUsd = LongSongTypicalUsd },
    ];

    /// <summary>The model with this exact id, or null.</summary>
    public static MusicModel? Find(string? id) => All.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));
}
