using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Api;

/// <summary>
/// Writes each model's limits into the OpenAPI document (<c>/openapi/v1.json</c>) from <see cref="ModelCatalog"/> and the
/// models offered here (<c>AimlApi:Models</c>): the <c>model</c> enum, every field's limits per model, and the output
/// settings' allowed values. Data, not hand-written numbers: the document says what the server enforces.
/// </summary>
internal sealed class GenerationsApiSchema(IOptions<AimlApiOptions> options) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(CreateGenerationRequest))
        {
            DescribeRequest(schema, options.Value.OfferedModels);
        }
        else if (type == typeof(AudioSettingRequest))
        {
            DescribeAudio(schema, options.Value.OfferedModels);
        }
        else if (type == typeof(GenerationDto))
        {
            DescribeSong(schema);
        }

        return Task.CompletedTask;
    }

    private static void DescribeRequest(OpenApiSchema schema, IReadOnlyList<MusicModel> models)
    {
        schema.Description = "A new song. Which fields a model takes, and within which limits, is said per model below; "
                             + "the server checks every rule and nothing invalid reaches the AIML service (the answer is 400, nothing charged).";
        if (Property(schema, "model") is { } model)
        {
            model.Description = $"The model that makes the song. Omitted: {CreateGenerationRequest.ModelWhenOmitted} "
                                + "(what this API made before models could be chosen, so existing clients keep working). Offered here: "
                                + string.Join("; ", models.Select(m => $"{m.Id} ({m.Name}: {m.Description})")) + ".";
            model.Enum = [.. models.Select(m => (JsonNode)JsonValue.Create(m.Id))];
            model.Default = JsonValue.Create(CreateGenerationRequest.ModelWhenOmitted);
        }

        Describe(schema, "style", "The style description (genre, mood, instruments, voice), sent as the model's prompt. ",
            models, m => Limit(m.Style, m.OffersInstrumental || m.OffersLyricsOptimizer ? "required with instrumental or writeLyrics" : null,
                "not taken: put everything in the lyrics"));
        Describe(schema, "lyrics", "The words to sing. ", models, m => Limit(m.Lyrics, null, "not taken") + "; " + Dialect(m));
        Describe(schema, "referenceAudioUrl", "A public URL of the reference track, fetched and measured here before anything is sent. ",
            models, Reference);
        Describe(schema, "instrumental", "No vocals, and no lyrics needed. ", models, m => m.OffersInstrumental ? "taken" : "not taken");
        Describe(schema, "writeLyrics", "Leave the lyrics empty and have them written from the style (the vendor's lyrics optimizer). ",
            models, m => m.OffersLyricsOptimizer ? "taken" : "not taken");
        Describe(schema, "coverOf", "The id of one of this app's finished songs to build on: a copy of its audio is hosted as the "
                                    + "reference track (this needs App:PublicBaseUrl) and the new song records it as its parent. "
                                    + "Leave referenceAudioUrl out. ", models, m => m.Reference.Accepted ? "taken" : "not taken");
        Set(schema, "generatedAgainFrom", "The id of the song this one is generated again from (its settings, perhaps changed): "
                                          + "recorded as its parent. Leave coverOf out.");
        Set(schema, "idempotencyKey", string.Create(CultureInfo.InvariantCulture, $"Up to {GenerationService.MaxIdempotencyKeyLength} characters")
            + " (or the Idempotency-Key header): a repeat with the same key by the same person answers with the first call's song and submits nothing.");
    }

    private static void DescribeAudio(OpenApiSchema schema, IReadOnlyList<MusicModel> models)
    {
        var audio = models.Select(m => m.Audio).Where(a => a.Accepted).ToList();
        schema.Description = "The output format, sample rate and bitrate; each left out is the model's default. "
                             + string.Join("; ", models.Select(m => $"{m.Id}: {(m.Audio.Accepted ? AudioDefaults(m.Audio) : "not taken")}")) + ".";
        if (Property(schema, "format") is { } format)
        {
            format.Enum = [.. audio.SelectMany(a => a.Formats).Distinct().Select(f => (JsonNode)JsonValue.Create(f))];
            format.Description = "The file format (pcm is stored as WAV).";
        }

        if (Property(schema, "sampleRate") is { } rate)
        {
            rate.Enum = [.. audio.SelectMany(a => a.SampleRates).Distinct().Order().Select(r => (JsonNode)JsonValue.Create(r))];
            rate.Description = "Samples per second, in Hz.";
        }

        if (Property(schema, "bitrate") is { } bitrate)
        {
            bitrate.Enum = [.. audio.SelectMany(a => a.Bitrates).Distinct().Order().Select(b => (JsonNode)JsonValue.Create(b))];
            bitrate.Description = "Bits per second of the encoded audio.";
        }
    }

    private static void DescribeSong(OpenApiSchema schema)
    {
        Set(schema, "usdSpent", "What the AIML service said the song cost, in US dollars; null until (or unless) it says.");
        Set(schema, "creditsUsed", "What the AIML service said the song cost, in its credits; null until (or unless) it says.");
        Set(schema, "parentId", "The song this one came from (see origin); null for a new song, or when that song was deleted.");
        if (Property(schema, "origin") is { } origin)
        {
            origin.Enum = [.. Enum.GetNames<SongOrigin>().Select(n => (JsonNode)JsonValue.Create(n))];
            origin.Description = "How the song relates to parentId: New, CoverOf or GeneratedAgainFrom.";
        }
    }

    /// <summary>"style: minimax/music-1.5: 10–300 characters, required; minimax-music: not taken…", one clause per offered model.</summary>
    private static void Describe(OpenApiSchema schema, string property, string meaning, IReadOnlyList<MusicModel> models, Func<MusicModel, string> rule) =>
        Set(schema, property, meaning + string.Join("; ", models.Select(m => $"{m.Id}: {rule(m)}")) + ".");

    private static void Set(OpenApiSchema schema, string property, string description)
    {
        switch (Find(schema, property))
        {
            case OpenApiSchema inline:
                inline.Description = description;
                break;
            case OpenApiSchemaReference reference:
                reference.Description = description;
                break;
        }
    }

    private static OpenApiSchema? Property(OpenApiSchema schema, string property) => Find(schema, property) as OpenApiSchema;

    private static IOpenApiSchema? Find(OpenApiSchema schema, string property) =>
        schema.Properties is { } properties && properties.TryGetValue(property, out var found) ? found : null;

    private static string Limit(TextLimit limit, string? alsoRequired, string notTaken) =>
        !limit.Accepted
            ? notTaken
            : string.Create(CultureInfo.InvariantCulture,
                $"{limit.Min}–{limit.Max} characters, {(limit.Required ? "required" : alsoRequired is null ? "optional" : $"optional ({alsoRequired})")}");

    private static string Dialect(MusicModel model) => model.Dialect switch
    {
        LyricDialect.Legacy => "a newline separates lines, a blank line adds a pause, ## at the very start and end adds accompaniment",
        _ => "plain lines, with section tags such as [Verse], [Chorus] or [Bridge] on their own line",
    };

    private static string Reference(MusicModel model)
    {
        var rules = model.Reference;
        if (!rules.Accepted)
        {
            return "not taken";
        }

        var length = rules.MaxDuration is { } max
            ? $"{Length(rules.MinDuration)} to {Length(max)} long"
            : $"{(rules.MinExclusive ? "longer than" : "at least")} {Length(rules.MinDuration)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{(rules.Required ? "required" : "optional")}: {rules.FormatList}, {length}, at most {rules.MaxBytes / 1048576} MB");
    }

    private static string AudioDefaults(AudioSettingsRules audio) =>
        string.Create(CultureInfo.InvariantCulture, $"taken (default {audio.DefaultFormat}, {audio.DefaultSampleRate} Hz, {audio.DefaultBitrate} bit/s)");

    private static string Length(TimeSpan duration) => duration.TotalSeconds < 60 || duration.Seconds != 0
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0} min");
}
