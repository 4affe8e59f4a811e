namespace MinimaxMusic.Simulator;

/// <summary>How a model's generation ids look (each model's own documentation page shows them).</summary>
internal enum IdStyle
{
    /// <summary><c>906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music</c>: a lowercase GUID, a colon and the model.</summary>
    GuidAndModel,

    /// <summary><c>NDxdQ2xZY1L6PYQNkJgbA</c>: 21 URL-safe characters.</summary>
    Opaque,
}

/// <summary>
/// One model the simulator plays, with what its documentation shows beyond the shared schema: the id style, whether
/// the submit answer carries <c>meta.usage</c>, whether a completed poll carries <c>extra_info</c>, and how long its
/// songs get. What a body may hold is in <see cref="SubmitBodies"/>.
/// </summary>
internal sealed record SimulatedModel(
    string Id,
    IdStyle IdStyle,
    bool UsageInSubmitAnswer,
    bool ExtraInfoInPoll,
    string SampleRateField,
    double MaxSongSeconds)
{
    public bool IsLegacy => Id == MusicModels.LegacyId;
}

/// <summary>The models of shared/contract/models, as the vendor documents them.</summary>
internal static class MusicModels
{
    public const string LegacyId = "minimax-music";
    public const string Music15Id = "minimax/music-1.5";
    public const string Music20Id = "minimax/music-2.0";
    public const string Music26Id = "minimax/music-2.6";
    public const string CoverId = "minimax/music-cover";

    // music-1.5.md and music-2.0.md show ids like 'd51032d5-…-12e0c9474949:minimax/music-1.5' and an extra_info
    // block in the completed answer; music-2-6.md shows 'NDxdQ2xZY1L6PYQNkJgbA' with meta.usage in the submit answer;
    // music-cover.md shows 'BV5y0it0TMlupfLEeHc6J' and no meta. Songs: "up to 4 minutes"; a cover follows a
    // reference of up to 6 minutes.
    public static readonly SimulatedModel Legacy = new(LegacyId, IdStyle.GuidAndModel, false, false, "", 60);
    public static readonly SimulatedModel Music15 = new(Music15Id, IdStyle.GuidAndModel, false, true, "audio_sample_rate", 240);
    public static readonly SimulatedModel Music20 = new(Music20Id, IdStyle.GuidAndModel, false, true, "audio_sample_rate", 240);
    public static readonly SimulatedModel Music26 = new(Music26Id, IdStyle.Opaque, true, false, "audio_sample_rate", 240);
    public static readonly SimulatedModel Cover = new(CoverId, IdStyle.Opaque, false, false, "sample_rate", 360);

    public static IReadOnlyList<SimulatedModel> All { get; } = [Legacy, Music15, Music20, Music26, Cover];

    /// <summary>The zod-style refusal of a model the vendor does not have, listing the ones it does.</summary>
    public static string InvalidModelMessage { get; } =
        "model: Invalid enum value. Expected " + string.Join(" | ", All.Select(m => $"'{m.Id}'"));

    public static SimulatedModel? Find(string? id) => All.FirstOrDefault(m => m.Id == id);
}
