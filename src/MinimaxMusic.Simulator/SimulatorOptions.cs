namespace MinimaxMusic.Simulator;

/// <summary>Knobs for the simulated AIML service. Defaults match demo mode; tests shorten the generation time.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>How long a song takes from submit to <c>completed</c> (the real service needs 50–60 s).</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// When set, each generation takes its own time, drawn uniformly between <see cref="GenerationTime"/> and this
    /// (deterministic: the n-th accepted generation always gets the same time for the same <see cref="Seed"/>).
    /// Null (the default): every generation takes exactly <see cref="GenerationTime"/>.
    /// </summary>
    public TimeSpan? GenerationTimeMax { get; set; }

    /// <summary>
    /// The share (0..1) of generations that are slow: they take between <see cref="GenerationTimeMax"/> and
    /// <see cref="SlowGenerationTimeMax"/> instead (the vendor's "or a bit more"). Used only when both are set.
    /// </summary>
    public double SlowShare { get; set; }

    /// <summary>The longest a slow generation takes; see <see cref="SlowShare"/>.</summary>
    public TimeSpan? SlowGenerationTimeMax { get; set; }

    /// <summary>
    /// How long an accepted submit's answer takes to leave: the generation exists (and is charged) at once, the answer
    /// follows after this delay. A client that goes away meanwhile (a crash) never learns the generation's id.
    /// </summary>
    public TimeSpan SubmitAnswerDelay { get; set; }

    /// <summary>Seed for the per-generation times, so a benchmark run can be repeated exactly.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Multiplies every simulated duration: 0.01 makes the simulator a hundred times faster (benchmarks).</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Bearer keys the simulator accepts. Empty: any non-empty key.</summary>
    public IList<string> AcceptedKeys { get; set; } = [];

    public decimal StartingBalance { get; set; } = 1000m;

    /// <summary>
    /// The vendor's rate: its docs show 2480 credits as $0.00124 and 500000 credits as $0.25.
    /// </summary>
    public const decimal CreditsPerUsd = 2_000_000m;

    private double? _creditsUsedPerSong;

    /// <summary>
    /// What one accepted generation costs in USD: taken off the balance, sent as <c>x-aimlapi-usd-spent</c> and listed
    /// in <c>GET /v2/logs</c>. $0.06 is the 120000 credits of the vendor's sample answer for minimax-music.
    /// </summary>
    public decimal CostPerSong { get; set; } = 0.06m;

    /// <summary>
    /// The credits of one song (<c>x-aimlapi-credits-used</c>, <c>meta.usage.credits_used</c>, the logs' cost);
    /// unless set, <see cref="CostPerSong"/> at the vendor's rate, so the two always agree.
    /// </summary>
    public double CreditsUsedPerSong
    {
        get => _creditsUsedPerSong ?? (double)(CostPerSong * CreditsPerUsd);
        set => _creditsUsedPerSong = value;
    }

    /// <summary>What one minimax/music-1.5 song costs in USD (credits at <see cref="CreditsPerUsd"/>).</summary>
    public decimal CostPerSongMusic15 { get; set; } = 0.03m;

    /// <summary>What one minimax/music-2.0 song costs in USD.</summary>
    public decimal CostPerSongMusic20 { get; set; } = 0.05m;

    /// <summary>What one minimax/music-2.6 song costs in USD: the vendor's sample answer shows 390000 credits, $0.195.</summary>
    public decimal CostPerSongMusic26 { get; set; } = 0.195m;

    /// <summary>What one minimax/music-cover song costs in USD.</summary>
    public decimal CostPerSongCover { get; set; } = 0.10m;

    /// <summary>
    /// How long a CDN audio link works; null: forever for the legacy model, and the signed links of the newer models
    /// expire after <see cref="SignedLinkLifetime"/> (their URLs carry <c>Expires=</c>).
    /// </summary>
    public TimeSpan? AudioLinkLifetime { get; set; }

    /// <summary>
    /// The folder holding ffmpeg, used to encode the newer models' mp3 output; null or empty: PATH. Without ffmpeg an mp3
    /// request is answered with a WAV, as the legacy model's songs always are.
    /// </summary>
    public string? FfmpegFolder { get; set; }

    /// <summary>How long the newer models' signed audio links work when <see cref="AudioLinkLifetime"/> is not set.</summary>
    public static readonly TimeSpan SignedLinkLifetime = TimeSpan.FromHours(24);

    /// <summary>The price of one song of <paramref name="model"/> in USD.</summary>
    internal decimal CostFor(SimulatedModel model) => model.Id switch
    {
        MusicModels.Music15Id => CostPerSongMusic15,
        MusicModels.Music20Id => CostPerSongMusic20,
        MusicModels.Music26Id => CostPerSongMusic26,
        MusicModels.CoverId => CostPerSongCover,
        _ => CostPerSong,
    };

    /// <summary>The credits of one song of <paramref name="model"/>; the legacy model's may be set apart from its price.</summary>
    internal double CreditsFor(SimulatedModel model)
        => model.IsLegacy ? CreditsUsedPerSong : (double)(CostFor(model) * CreditsPerUsd);

    /// <summary>The unscaled generation time of the <paramref name="sequence"/>-th accepted generation (0-based).</summary>
    public TimeSpan GenerationTimeFor(long sequence)
    {
        if (GenerationTimeMax is not { } max || max <= GenerationTime)
        {
            return GenerationTime;
        }

        // SplitMix64 of (seed, sequence): deterministic, independent of thread timing and of Random's algorithm.
        var pick = Unit(sequence, 0);
        if (SlowShare > 0 && SlowGenerationTimeMax is { } slowMax && slowMax > max && Unit(sequence, 1) < SlowShare)
        {
            return max + ((slowMax - max) * pick);
        }

        return GenerationTime + ((max - GenerationTime) * pick);
    }

    private double Unit(long sequence, int stream)
    {
        var z = unchecked((ulong)Seed * 0x9E3779B97F4A7C15UL + ((ulong)sequence * 2 + (ulong)stream + 1) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    internal TimeSpan Scaled(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * TimeScale));
}
