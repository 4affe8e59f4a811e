using System.Globalization;
using System.Text.Json.Nodes;
using MinimaxMusic.Core.Songs;
using MinimaxMusic.Core.Text;

namespace MinimaxMusic.Core.Models;

/// <summary>The output settings a person chose; null fields are left to the model's defaults.</summary>
public sealed record AudioChoice(string? Format = null, int? SampleRate = null, int? Bitrate = null)
{
    public static AudioChoice Defaults { get; } = new();

    public bool IsEmpty => Format is null && SampleRate is null && Bitrate is null;
}

/// <summary>What a person asks a model for. Which fields count depends on the model (<see cref="MusicModel"/>).</summary>
public sealed record SongRequest(
    string ModelId,
    string? Style = null,
    string? Lyrics = null,
    string? ReferenceUrl = null,
    bool Instrumental = false,
    bool WriteLyrics = false,
    AudioChoice? Audio = null);

/// <summary>What a downloaded reference turned out to be, as the reference check measured it.</summary>
public sealed record ReferenceFacts(string Format, long Bytes, TimeSpan? Duration);

/// <summary>
/// Every model's rules, pure: the page uses them for instant feedback, the service and the REST API as the authority,
/// so invalid input never reaches the vendor.
/// </summary>
public static class ModelRules
{
    /// <summary>The problems with <paramref name="request"/> for <paramref name="model"/>, as sentences; empty when it can be sent.</summary>
    public static IReadOnlyList<string> Validate(MusicModel model, SongRequest request)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var style = request.Style?.Trim() ?? string.Empty;
        var lyrics = request.Lyrics ?? string.Empty;
        var hasLyrics = !TextElements.IsInvisible(lyrics);

        if (request.Instrumental && !model.OffersInstrumental)
        {
            errors.Add($"{model.Id} does not make instrumentals; {InstrumentalModels()} does.");
        }

        if (request.WriteLyrics && !model.OffersLyricsOptimizer)
        {
            errors.Add($"{model.Id} does not write lyrics for you; {OptimizerModels()} does.");
        }

        CheckStyle(model, style, request, errors);
        CheckLyrics(model, lyrics, hasLyrics, request, errors);
        CheckReferenceUrl(model, request.ReferenceUrl, errors);
        CheckAudio(model, request.Audio, errors);
        return errors;
    }

    /// <summary>Why a measured reference does not suit <paramref name="model"/>, or null when it does.</summary>
    public static string? CheckReference(MusicModel model, ReferenceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(facts);
        var rules = model.Reference;
        if (!rules.Accepted)
        {
            return $"{model.Id} takes no reference track.";
        }

        var format = facts.Format.ToLowerInvariant();
        if (!rules.Formats.Contains(format))
        {
            return $"the file is {format.ToUpperInvariant()}; {model.Id} takes {rules.FormatList}.";
        }

        if (facts.Bytes > rules.MaxBytes)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the file is {facts.Bytes / 1048576.0:0.0} MB; {model.Id} takes at most {rules.MaxBytes / 1048576} MB.");
        }

        if (facts.Duration is not { } duration)
        {
            return null;
        }

        var tooShort = rules.MinExclusive ? duration <= rules.MinDuration : duration < rules.MinDuration;
        if (tooShort)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the file is {duration.TotalSeconds:0.0} s long; {model.Id} needs {(rules.MinExclusive ? "more than" : "at least")} {Describe(rules.MinDuration)}.");
        }

        return rules.MaxDuration is { } max && duration > max
            ? string.Create(CultureInfo.InvariantCulture, $"the file is {Describe(duration)} long; {model.Id} takes at most {Describe(max)}.")
            : null;
    }

    /// <summary>
    /// The exact JSON body the vendor expects for <paramref name="request"/> (which must be valid): integers as numbers,
    /// the cover model's <c>sample_rate</c> against <c>audio_sample_rate</c> elsewhere, and only the fields that were chosen.
    /// </summary>
    public static JsonObject Body(MusicModel model, SongRequest request)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var body = new JsonObject { ["model"] = model.Id };
        if (model.Dialect == LyricDialect.Legacy)
        {
            // The legacy model's prompt is the lyrics.
            body["prompt"] = request.Lyrics;
            body["reference_audio_url"] = request.ReferenceUrl?.Trim();
            return body;
        }

        if (!string.IsNullOrWhiteSpace(request.Style))
        {
            body["prompt"] = request.Style.Trim();
        }

        if (!string.IsNullOrWhiteSpace(request.ReferenceUrl) && model.Reference.Accepted)
        {
            body["reference_audio_url"] = request.ReferenceUrl.Trim();
        }

        if (!TextElements.IsInvisible(request.Lyrics ?? string.Empty) && !request.Instrumental)
        {
            body["lyrics"] = request.Lyrics;
        }

        if (request.Instrumental)
        {
            body["is_instrumental"] = true;
        }

        if (request.WriteLyrics)
        {
            body["lyrics_optimizer"] = true;
        }

        if (request.Audio is { IsEmpty: false } audio && model.Audio.Accepted)
        {
            var settings = new JsonObject();
            if (audio.SampleRate is { } rate)
            {
                settings[model.Audio.SampleRateField] = rate;
            }

            if (audio.Bitrate is { } bitrate)
            {
                settings["bitrate"] = bitrate;
            }

            if (audio.Format is { } format)
            {
                settings["format"] = format;
            }

            body["audio_setting"] = settings;
        }

        return body;
    }

    private static void CheckStyle(MusicModel model, string style, SongRequest request, List<string> errors)
    {
        var limit = model.Style;
        if (!limit.Accepted)
        {
            if (style.Length > 0)
            {
                errors.Add($"{model.Id} takes no style description; put everything in the lyrics.");
            }

            return;
        }

        var needed = limit.Required || request.Instrumental || request.WriteLyrics;
        if (style.Length == 0)
        {
            if (needed)
            {
                errors.Add(request.Instrumental
                    ? $"Describe the music for the instrumental ({limit.Min}–{limit.Max} characters)."
                    : request.WriteLyrics
                        ? $"Describe the song the lyrics should be written for ({limit.Min}–{limit.Max} characters)."
                        : $"Describe the style ({limit.Min}–{limit.Max} characters): genre, mood, instruments, voice.");
            }

            return;
        }

        CheckLength("style", style.Length, limit, model, errors);
    }

    private static void CheckLyrics(MusicModel model, string lyrics, bool hasLyrics, SongRequest request, List<string> errors)
    {
        if (model.Dialect == LyricDialect.Legacy)
        {
            errors.AddRange(SubmissionRules.ValidateLyrics(lyrics));
            return;
        }

        if (request.Instrumental && hasLyrics)
        {
            errors.Add("An instrumental has no lyrics: clear them, or switch Instrumental off.");
            return;
        }

        if (request.WriteLyrics && hasLyrics)
        {
            errors.Add("Write the lyrics for me writes them from the style: clear the lyrics, or switch it off.");
            return;
        }

        if (!hasLyrics)
        {
            if (lyrics.Length > 0)
            {
                errors.Add("There is nothing to sing: the lyrics hold only invisible characters and spaces.");
            }
            else if (model.Lyrics.Required)
            {
                errors.Add($"Write the lyrics ({model.Lyrics.Min}–{model.Lyrics.Max} characters).");
            }
            else if (model.OffersInstrumental && !request.Instrumental && !request.WriteLyrics)
            {
                // Optional lyrics, but a song needs words from somewhere (a cover keeps the reference's).
                errors.Add("Write the lyrics, or choose Instrumental or Write the lyrics for me.");
            }

            return;
        }

        CheckLength("lyrics", lyrics.Length, model.Lyrics, model, errors);
    }

    private static void CheckReferenceUrl(MusicModel model, string? url, List<string> errors)
    {
        var rules = model.Reference;
        var given = !string.IsNullOrWhiteSpace(url);
        if (!rules.Accepted)
        {
            if (given)
            {
                errors.Add($"{model.Id} takes no reference track; choose {CoverModels()} to build on one.");
            }

            return;
        }

        if (given || rules.Required)
        {
            errors.AddRange(SubmissionRules.ValidateReferenceUrl(url, rules.Formats));
        }
    }

    private static void CheckAudio(MusicModel model, AudioChoice? audio, List<string> errors)
    {
        if (audio is null || audio.IsEmpty)
        {
            return;
        }

        var rules = model.Audio;
        if (!rules.Accepted)
        {
            errors.Add($"{model.Id} has no output settings; its songs come as the vendor makes them.");
            return;
        }

        if (audio.Format is { } format && !rules.Formats.Contains(format))
        {
            errors.Add($"The output format must be one of {string.Join(", ", rules.Formats)}.");
        }

        if (audio.SampleRate is { } rate && !rules.SampleRates.Contains(rate))
        {
            errors.Add($"The sample rate must be one of {string.Join(", ", rules.SampleRates)} Hz.");
        }

        if (audio.Bitrate is { } bitrate && !rules.Bitrates.Contains(bitrate))
        {
            errors.Add($"The bitrate must be one of {string.Join(", ", rules.Bitrates)} bit/s.");
        }
    }

    private static void CheckLength(string field, int length, TextLimit limit, MusicModel model, List<string> errors)
    {
        var thing = field == "lyrics" ? "The lyrics are" : $"The {field} is";
        if (length < limit.Min)
        {
            errors.Add($"{thing} {length} characters; {model.Id} needs at least {limit.Min}.");
        }
        else if (length > limit.Max)
        {
            errors.Add($"{thing} {length} characters; {model.Id} takes at most {limit.Max}.");
        }
    }

    private static string InstrumentalModels() => string.Join(" or ", ModelCatalog.All.Where(m => m.OffersInstrumental).Select(m => m.Id));

    private static string OptimizerModels() => string.Join(" or ", ModelCatalog.All.Where(m => m.OffersLyricsOptimizer).Select(m => m.Id));

    private static string CoverModels() => string.Join(" or ", ModelCatalog.All.Where(m => !m.IsLegacy && m.Reference.Accepted).Select(m => m.Id));

    private static string Describe(TimeSpan duration) => duration.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s")
        : duration.Seconds == 0 && duration.Milliseconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}:{duration.Seconds:00} min");
}
