using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MinimaxMusic.Simulator;

/// <summary>
/// A submit's body: the model as the request named it (for the log, even when refused), what is wrong with it, and for
/// an accepted one what was asked: the legacy <see cref="Prompt"/> and <see cref="Reference"/>, or a newer model's
/// <see cref="Song"/>. <see cref="Raw"/> is the body exactly as it arrived.
/// </summary>
internal sealed record SubmitBody(string? Model, string? Prompt, string? Reference, string? Problem)
{
    public SimulatedSong? Song { get; init; }

    public byte[] Raw { get; init; } = [];

    /// <summary>400 for what the schema refuses; 413 for a body over <see cref="SubmitBodies.MaxBodyBytes"/>.</summary>
    public int ProblemStatus { get; init; } = StatusCodes.Status400BadRequest;
}

/// <summary>
/// Reads and validates submit bodies the way the vendor's zod schemas do (shared/contract/models): every issue as
/// "<c>path: message</c>", joined by "; "; unknown fields are dropped, never refused; integers must be JSON numbers.
/// </summary>
internal static class SubmitBodies
{
    public const int MaxLegacyPromptLength = 600;

    /// <summary>Room for a 50 MB reference as base64 (about 67 MB) and the rest of the body.</summary>
    public const long MaxBodyBytes = 80L * 1024 * 1024;

    private const int MinTextLength = 10;

    public static async Task<SubmitBody> ReadAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        byte[] raw;
        try
        {
            // Sized from Content-Length when it is sent, so a 67 MB body is one allocation, not a doubling series and a copy.
            var expected = context.Request.ContentLength is { } length and <= MaxBodyBytes ? (int)length : 0;
            using var buffer = new MemoryStream(expected);
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            raw = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, null, null, "request entity too large") { ProblemStatus = StatusCodes.Status413PayloadTooLarge };
        }

        return Read(raw) with { Raw = raw };
    }

    private static SubmitBody Read(byte[] raw)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw);
        }
        catch (JsonException)
        {
            return new(null, null, null, "The body is not valid JSON.");
        }

        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return new(null, null, null, "Expected an object.");
            }

            var model = body.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String ? modelElement.GetString() : null;
            return MusicModels.Find(model) switch
            {
                null => new(model, null, null, MusicModels.InvalidModelMessage),
                { IsLegacy: true } => Legacy(body, model!),
                var known => Newer(body, known),
            };
        }
    }

    private static SubmitBody Legacy(JsonElement body, string model)
    {
        SubmitBody Refused(string problem) => new(model, null, null, problem);
        if (!body.TryGetProperty("prompt", out var promptElement) || promptElement.ValueKind != JsonValueKind.String)
        {
            return Refused("prompt: Required");
        }

        var prompt = promptElement.GetString()!;
        if (prompt.Length > MaxLegacyPromptLength)
        {
            return Refused($"prompt: String must contain at most {MaxLegacyPromptLength} character(s)");
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            return Refused("prompt: String must contain at least 1 character(s)");
        }

        if (!body.TryGetProperty("reference_audio_url", out var referenceElement) || referenceElement.ValueKind != JsonValueKind.String)
        {
            return Refused("reference_audio_url: Required");
        }

        var reference = referenceElement.GetString()!;
        if (!Uri.TryCreate(reference, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Refused("reference_audio_url: Invalid url");
        }

        return new(model, prompt, reference, null);
    }

    private static SubmitBody Newer(JsonElement body, SimulatedModel model)
    {
        var issues = new List<string>();
        // 2.6's schema requires only the model and sets no minimum; its text gives 10 characters when a field is sent.
        var isMusic26 = model == MusicModels.Music26;
        var prompt = Text(body, "prompt", required: !isMusic26, max: model == MusicModels.Music15 ? 300 : 2000, emptyIsAbsent: isMusic26, issues);
        ReferenceAudio? reference = null;
        string? referenceText = null;
        if (model == MusicModels.Cover)
        {
            (referenceText, reference) = Reference(body, issues);
        }

        var lyrics = Text(body, "lyrics", required: !isMusic26 && model != MusicModels.Cover, max: 3000, emptyIsAbsent: isMusic26, issues);
        var audio = Audio(body, model.SampleRateField, issues);
        var writeLyrics = isMusic26 && Flag(body, "lyrics_optimizer", issues);
        var instrumental = isMusic26 && Flag(body, "is_instrumental", issues);
        if (isMusic26 && issues.Count == 0)
        {
            // The schema's refinements, checked (as zod does) once the shape is right.
            if (instrumental && prompt is null)
            {
                issues.Add("prompt: Required when is_instrumental is true");
            }
            else if (!instrumental && lyrics is null && !writeLyrics)
            {
                issues.Add("lyrics: Required unless is_instrumental or lyrics_optimizer is true");
            }
            else if (!instrumental && lyrics is null && prompt is null)
            {
                issues.Add("prompt: Required when lyrics_optimizer writes the lyrics");
            }
        }

        return issues.Count > 0
            ? new(model.Id, null, null, string.Join("; ", issues))
            : new(model.Id, prompt, referenceText, null) { Song = new SimulatedSong(model, prompt, lyrics, instrumental, writeLyrics, audio, reference) };
    }

    private static string? Text(JsonElement body, string name, bool required, int max, bool emptyIsAbsent, List<string> issues)
    {
        if (!body.TryGetProperty(name, out var element))
        {
            if (required)
            {
                issues.Add($"{name}: Required");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            issues.Add($"{name}: Expected string, received {Received(element)}");
            return null;
        }

        var text = element.GetString()!;
        if (text.Length == 0 && emptyIsAbsent)
        {
            return null;
        }

        if (text.Length < MinTextLength)
        {
            issues.Add($"{name}: String must contain at least {MinTextLength} character(s)");
        }
        else if (text.Length > max)
        {
            issues.Add($"{name}: String must contain at most {max} character(s)");
        }

        return text;
    }

    private static (string? Text, ReferenceAudio? Audio) Reference(JsonElement body, List<string> issues)
    {
        const string name = "reference_audio_url";
        if (!body.TryGetProperty(name, out var element))
        {
            issues.Add($"{name}: Required");
            return (null, null);
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            issues.Add($"{name}: Expected string, received {Received(element)}");
            return (null, null);
        }

        var text = element.GetString()!;
        if (ReferenceAudio.Read(text, out var problem) is not { } audio)
        {
            issues.Add($"{name}: {problem}");
            return (null, null);
        }

        // Encoded audio is not kept with the generation (the raw body is, for a while): a short stand-in is.
        return (audio.Kind == ReferenceKind.Url ? text : $"{text[..Math.Min(text.Length, 32)]}… ({audio.Bytes} bytes)", audio);
    }

    private static AudioSetting Audio(JsonElement body, string sampleRateField, List<string> issues)
    {
        var defaults = AudioSetting.Default;
        if (!body.TryGetProperty("audio_setting", out var setting))
        {
            return defaults;
        }

        if (setting.ValueKind != JsonValueKind.Object)
        {
            issues.Add($"audio_setting: Expected object, received {Received(setting)}");
            return defaults;
        }

        return new AudioSetting(
            Choice(setting, sampleRateField, AudioSetting.SampleRates, defaults.SampleRate, issues),
            Choice(setting, "bitrate", AudioSetting.Bitrates, defaults.Bitrate, issues),
            Format(setting, issues) ?? defaults.Format);
    }

    private static int Choice(JsonElement setting, string name, int[] allowed, int fallback, List<string> issues)
    {
        if (!setting.TryGetProperty(name, out var element))
        {
            return fallback;
        }

        var path = $"audio_setting.{name}";
        if (element.ValueKind != JsonValueKind.Number)
        {
            issues.Add($"{path}: Expected number, received {Received(element)}");
            return fallback;
        }

        // JSON has one number type: 44100.0 is 44100 to the vendor's JavaScript too.
        if (element.TryGetDouble(out var value) && value == Math.Floor(value) && allowed.Contains((int)value))
        {
            return (int)value;
        }

        issues.Add($"{path}: Invalid enum value. Expected {string.Join(" | ", allowed)}, received {element.GetRawText()}");
        return fallback;
    }

    private static string? Format(JsonElement setting, List<string> issues)
    {
        if (!setting.TryGetProperty("format", out var element))
        {
            return null;
        }

        var expected = string.Join(" | ", AudioSetting.Formats.Select(f => $"'{f}'"));
        if (element.ValueKind != JsonValueKind.String)
        {
            issues.Add($"audio_setting.format: Expected {expected}, received {Received(element)}");
            return null;
        }

        var format = element.GetString()!;
        if (AudioSetting.Formats.Contains(format))
        {
            return format;
        }

        issues.Add($"audio_setting.format: Invalid enum value. Expected {expected}, received '{format}'");
        return null;
    }

    private static bool Flag(JsonElement body, string name, List<string> issues)
    {
        if (!body.TryGetProperty(name, out var element))
        {
            return false;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        issues.Add($"{name}: Expected boolean, received {Received(element)}");
        return false;
    }

    /// <summary>zod's name for the JSON type it got instead.</summary>
    private static string Received(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        _ => "undefined",
    };
}
