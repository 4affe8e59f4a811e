using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>
/// The newer models' schemas (shared/contract/models/*.json) as the vendor's zod validation applies them: every
/// boundary, required set, type and enum; a refusal creates and charges nothing and is logged as failed at zero cost.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelValidationTests
{
    private const string M15 = "minimax/music-1.5";
    private const string M20 = "minimax/music-2.0";
    private const string M26 = "minimax/music-2.6";
    private const string Cover = "minimax/music-cover";
    private const string Url = "https://cdn.example.com/reference.mp3";

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        // minimax/music-1.5: prompt 10–300 and lyrics 10–3000, both required.
        { "1.5 prompt of 9", Body(M15, ("prompt", Text(9)), ("lyrics", Text(100))), "prompt: String must contain at least 10 character(s)" },
        { "1.5 prompt of 301", Body(M15, ("prompt", Text(301)), ("lyrics", Text(100))), "prompt: String must contain at most 300 character(s)" },
        { "1.5 without prompt", Body(M15, ("lyrics", Text(100))), "prompt: Required" },
        { "1.5 without lyrics", Body(M15, ("prompt", Text(50))), "lyrics: Required" },
        { "1.5 lyrics of 9", Body(M15, ("prompt", Text(50)), ("lyrics", Text(9))), "lyrics: String must contain at least 10 character(s)" },
        { "1.5 lyrics of 3001", Body(M15, ("prompt", Text(50)), ("lyrics", Text(3001))), "lyrics: String must contain at most 3000 character(s)" },
        { "1.5 prompt a number", Body(M15, ("prompt", 42), ("lyrics", Text(100))), "prompt: Expected string, received number" },
        { "1.5 lyrics null", Body(M15, ("prompt", Text(50)), ("lyrics", null)), "lyrics: Expected string, received null" },
        { "1.5 sample rate as a string", Valid(M15, Audio(("audio_sample_rate", "44100"))), "audio_setting.audio_sample_rate: Expected number, received string" },
        { "1.5 sample rate 22050", Valid(M15, Audio(("audio_sample_rate", 22050))), "audio_setting.audio_sample_rate: Invalid enum value. Expected 16000 | 24000 | 32000 | 44100, received 22050" },
        { "1.5 sample rate 44100.5", Valid(M15, Audio(("audio_sample_rate", 44100.5))), "audio_setting.audio_sample_rate: Invalid enum value." },
        { "1.5 bitrate as a string", Valid(M15, Audio(("bitrate", "256000"))), "audio_setting.bitrate: Expected number, received string" },
        { "1.5 bitrate 192000", Valid(M15, Audio(("bitrate", 192000))), "audio_setting.bitrate: Invalid enum value. Expected 32000 | 64000 | 128000 | 256000, received 192000" },
        { "1.5 format ogg", Valid(M15, Audio(("format", "ogg"))), "audio_setting.format: Invalid enum value. Expected 'mp3' | 'wav' | 'pcm', received 'ogg'" },
        { "1.5 format upper case", Valid(M15, Audio(("format", "MP3"))), "audio_setting.format: Invalid enum value." },
        { "1.5 format a number", Valid(M15, Audio(("format", 3))), "audio_setting.format: Expected 'mp3' | 'wav' | 'pcm', received number" },
        { "1.5 audio_setting a string", Valid(M15, ("audio_setting", "high")), "audio_setting: Expected object, received string" },

        // minimax/music-2.0: prompt 10–2000, lyrics 10–3000, both required.
        { "2.0 prompt of 9", Body(M20, ("prompt", Text(9)), ("lyrics", Text(100))), "prompt: String must contain at least 10 character(s)" },
        { "2.0 prompt of 2001", Body(M20, ("prompt", Text(2001)), ("lyrics", Text(100))), "prompt: String must contain at most 2000 character(s)" },
        { "2.0 without prompt", Body(M20, ("lyrics", Text(100))), "prompt: Required" },
        { "2.0 without lyrics", Body(M20, ("prompt", Text(50))), "lyrics: Required" },
        { "2.0 lyrics of 9", Body(M20, ("prompt", Text(50)), ("lyrics", Text(9))), "lyrics: String must contain at least 10 character(s)" },
        { "2.0 lyrics of 3001", Body(M20, ("prompt", Text(50)), ("lyrics", Text(3001))), "lyrics: String must contain at most 3000 character(s)" },
        { "2.0 sample rate as a string", Valid(M20, Audio(("audio_sample_rate", "16000"))), "audio_setting.audio_sample_rate: Expected number, received string" },
        { "2.0 cover's sample_rate as a string is dropped, format still checked", Valid(M20, Audio(("sample_rate", "x"), ("format", "flac"))), "audio_setting.format: Invalid enum value." },

        // minimax/music-2.6: only the model is required; 10+ characters when a text is sent; lyrics from somewhere.
        { "2.6 prompt of 9", Body(M26, ("prompt", Text(9)), ("lyrics", Text(100))), "prompt: String must contain at least 10 character(s)" },
        { "2.6 prompt of 2001", Body(M26, ("prompt", Text(2001)), ("lyrics", Text(100))), "prompt: String must contain at most 2000 character(s)" },
        { "2.6 lyrics of 9", Body(M26, ("prompt", Text(50)), ("lyrics", Text(9))), "lyrics: String must contain at least 10 character(s)" },
        { "2.6 lyrics of 3001", Body(M26, ("prompt", Text(50)), ("lyrics", Text(3001))), "lyrics: String must contain at most 3000 character(s)" },
        { "2.6 nothing but the model", Body(M26), "lyrics: Required unless is_instrumental or lyrics_optimizer is true" },
        { "2.6 a prompt and no lyrics", Body(M26, ("prompt", Text(50))), "lyrics: Required unless is_instrumental or lyrics_optimizer is true" },
        { "2.6 empty lyrics, neither flag", Body(M26, ("prompt", Text(50)), ("lyrics", "")), "lyrics: Required unless is_instrumental or lyrics_optimizer is true" },
        { "2.6 both flags false", Body(M26, ("prompt", Text(50)), ("is_instrumental", false), ("lyrics_optimizer", false)), "lyrics: Required unless" },
        { "2.6 optimizer without a prompt", Body(M26, ("lyrics_optimizer", true)), "prompt: Required when lyrics_optimizer writes the lyrics" },
        { "2.6 instrumental without a prompt", Body(M26, ("is_instrumental", true)), "prompt: Required when is_instrumental is true" },
        { "2.6 is_instrumental as a string", Body(M26, ("prompt", Text(50)), ("is_instrumental", "true")), "is_instrumental: Expected boolean, received string" },
        { "2.6 lyrics_optimizer as a number", Body(M26, ("prompt", Text(50)), ("lyrics_optimizer", 1)), "lyrics_optimizer: Expected boolean, received number" },
        { "2.6 sample rate as a string", Body(M26, ("lyrics", Text(100)), Audio(("audio_sample_rate", "44100"))), "audio_setting.audio_sample_rate: Expected number, received string" },
        { "2.6 bitrate 320000", Body(M26, ("lyrics", Text(100)), Audio(("bitrate", 320000))), "audio_setting.bitrate: Invalid enum value." },

        // minimax/music-cover: prompt 10–2000 and a reference required; lyrics 10–3000 when sent; sample_rate.
        { "cover without a reference", Body(Cover, ("prompt", Text(50))), "reference_audio_url: Required" },
        { "cover with a null reference", Body(Cover, ("prompt", Text(50)), ("reference_audio_url", null)), "reference_audio_url: Expected string, received null" },
        { "cover without prompt", Body(Cover, ("reference_audio_url", Url)), "prompt: Required" },
        { "cover prompt of 9", Body(Cover, ("prompt", Text(9)), ("reference_audio_url", Url)), "prompt: String must contain at least 10 character(s)" },
        { "cover prompt of 2001", Body(Cover, ("prompt", Text(2001)), ("reference_audio_url", Url)), "prompt: String must contain at most 2000 character(s)" },
        { "cover lyrics of 9", Body(Cover, ("prompt", Text(50)), ("reference_audio_url", Url), ("lyrics", Text(9))), "lyrics: String must contain at least 10 character(s)" },
        { "cover empty lyrics", Body(Cover, ("prompt", Text(50)), ("reference_audio_url", Url), ("lyrics", "")), "lyrics: String must contain at least 10 character(s)" },
        { "cover lyrics of 3001", Body(Cover, ("prompt", Text(50)), ("reference_audio_url", Url), ("lyrics", Text(3001))), "lyrics: String must contain at most 3000 character(s)" },
        { "cover sample_rate as a string", Valid(Cover, Audio(("sample_rate", "44100"))), "audio_setting.sample_rate: Expected number, received string" },
        { "cover sample_rate 48000", Valid(Cover, Audio(("sample_rate", 48000))), "audio_setting.sample_rate: Invalid enum value. Expected 16000 | 24000 | 32000 | 44100, received 48000" },
        { "cover ftp reference", Valid(Cover, ("reference_audio_url", "ftp://cdn.example.com/reference.mp3")), "reference_audio_url: Invalid url" },
        { "cover relative reference", Valid(Cover, ("reference_audio_url", "/files/reference.mp3")), "reference_audio_url: Invalid url" },
        { "cover empty reference", Valid(Cover, ("reference_audio_url", "")), "reference_audio_url: Invalid url" },
        { "cover reference not base64", Valid(Cover, ("reference_audio_url", "not*base64!!")), "reference_audio_url: Invalid base64" },
        { "cover base64 of a wrong length", Valid(Cover, ("reference_audio_url", "QUJDRA=")), "reference_audio_url: Invalid base64" },
        { "cover base64url alphabet", Valid(Cover, ("reference_audio_url", "ab-_cd--")), "reference_audio_url: Invalid base64" },
        { "cover data URI with bad base64", Valid(Cover, ("reference_audio_url", "data:audio/wav;base64,!!!!")), "reference_audio_url: Invalid base64" },
        { "cover data URI not base64", Valid(Cover, ("reference_audio_url", "data:audio/wav,RIFF")), "reference_audio_url: A data URI must be base64-encoded" },
        { "cover data URI of text", Valid(Cover, ("reference_audio_url", "data:text/plain;base64,aGVsbG8=")), "reference_audio_url: A data URI must hold audio" },
        { "cover WAV reference of 5.9 s", Valid(Cover, ("reference_audio_url", Base64Wav(5.9))), "reference_audio_url: The reference audio must be 6 seconds to 6 minutes long (it is 5.9 s)" },
        { "cover WAV reference of 6 min 1 s", Valid(Cover, ("reference_audio_url", DataUri(Wav.Silence(361)))), "reference_audio_url: The reference audio must be 6 seconds to 6 minutes long (it is 361.0 s)" },
        { "cover MP3 reference of 5 s", Valid(Cover, ("reference_audio_url", DataUri(Mp3.ConstantBitrate(5), "audio/mpeg"))), "reference_audio_url: The reference audio must be 6 seconds to 6 minutes long" },

        // Any model.
        { "an unknown model", Body("minimax/music-3.0", ("prompt", Text(50)), ("lyrics", Text(100))), "model: Invalid enum value. Expected 'minimax-music' | 'minimax/music-1.5' | 'minimax/music-2.0' | 'minimax/music-2.6' | 'minimax/music-cover'" },
        { "a model id in another case", Body("MiniMax/Music-2.6", ("lyrics", Text(100))), "model: Invalid enum value." },
    };

    public static TheoryData<string, string> ValidBodies => new()
    {
        { "1.5 prompt of 10 and lyrics of 10", Body(M15, ("prompt", Text(10)), ("lyrics", Text(10))) },
        { "1.5 prompt of 300 and lyrics of 3000", Body(M15, ("prompt", Text(300)), ("lyrics", Text(3000))) },
        { "1.5 every audio setting", Valid(M15, Audio(("audio_sample_rate", 16000), ("bitrate", 32000), ("format", "pcm"))) },
        { "1.5 a sample rate written 44100.0", Valid(M15, ("audio_setting", JsonDocument.Parse("""{"audio_sample_rate":44100.0}""").RootElement)) },
        { "1.5 an empty audio_setting", Valid(M15, ("audio_setting", new Dictionary<string, object>())) },
        { "1.5 fields of other models, dropped", Valid(M15, ("is_instrumental", "yes"), ("reference_audio_url", 7)) },
        { "2.0 prompt of 2000 and lyrics of 3000", Body(M20, ("prompt", Text(2000)), ("lyrics", Text(3000))) },
        { "2.0 every audio setting", Valid(M20, Audio(("audio_sample_rate", 32000), ("bitrate", 128000), ("format", "wav"))) },
        { "2.6 lyrics only", Body(M26, ("lyrics", Text(10))) },
        { "2.6 prompt of 2000 and lyrics of 3000", Body(M26, ("prompt", Text(2000)), ("lyrics", Text(3000))) },
        { "2.6 empty prompt, lyrics", Body(M26, ("prompt", ""), ("lyrics", Text(100))) },
        { "2.6 instrumental with a prompt", Body(M26, ("prompt", Text(10)), ("is_instrumental", true)) },
        { "2.6 instrumental with lyrics too", Body(M26, ("prompt", Text(50)), ("lyrics", Text(100)), ("is_instrumental", true)) },
        { "2.6 optimizer with a prompt", Body(M26, ("prompt", Text(50)), ("lyrics_optimizer", true)) },
        { "2.6 optimizer with empty lyrics", Body(M26, ("prompt", Text(50)), ("lyrics", ""), ("lyrics_optimizer", true)) },
        { "2.6 optimizer with lyrics of its own", Body(M26, ("prompt", Text(50)), ("lyrics", Text(100)), ("lyrics_optimizer", true)) },
        { "cover with an https URL", Valid(Cover) },
        { "cover with an http URL", Valid(Cover, ("reference_audio_url", "http://cdn.example.com/a/b.wav?sig=1")) },
        { "cover prompt of 10, lyrics of 10", Body(Cover, ("prompt", Text(10)), ("reference_audio_url", Url), ("lyrics", Text(10))) },
        { "cover prompt of 2000, lyrics of 3000", Body(Cover, ("prompt", Text(2000)), ("reference_audio_url", Url), ("lyrics", Text(3000))) },
        { "cover every audio setting", Valid(Cover, Audio(("sample_rate", 24000), ("bitrate", 64000), ("format", "pcm"))) },
        { "cover the other models' audio_sample_rate, dropped", Valid(Cover, Audio(("audio_sample_rate", "not even a number"))) },
        { "cover WAV data URI of 6 s", Valid(Cover, ("reference_audio_url", DataUri(Wav.Silence(6)))) },
        { "cover raw base64 WAV of exactly 6 min", Valid(Cover, ("reference_audio_url", Base64Wav(360))) },
        { "cover MP3 data URI of 7 s", Valid(Cover, ("reference_audio_url", DataUri(Mp3.ConstantBitrate(7), "audio/mpeg"))) },
        { "cover octet-stream data URI", Valid(Cover, ("reference_audio_url", $"data:application/octet-stream;base64,{Base64Wav(10)}")) },
        { "cover base64 of audio it cannot measure", Valid(Cover, ("reference_audio_url", Convert.ToBase64String("fLaC and more bytes"u8))) },
        { "cover MIME base64 with line breaks", Valid(Cover, ("reference_audio_url", string.Join("\r\n", Base64Wav(8).Chunk(76).Select(c => new string(c))))) },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Submit_WithABodyTheSchemaRefuses_Answers400AndCreatesAndChargesNothing(string because, string body, string expected)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var balance = sim.State.Balance;

        using var response = await sim.PostSubmitAsync(body);

        var message = await AssertRefusedAsync(sim, response, balance, because);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        var row = Assert.Single(await sim.LogRowsAsync());
        Assert.Equal(JsonSerializer.Deserialize<JsonElement>(body).GetProperty("model").GetString(), row.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Submit_WithSeveralProblems_ListsEachInTheSchemasOrder()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.PostSubmitAsync(Body(Cover, ("prompt", Text(9)), ("lyrics", Text(3001)), Audio(("sample_rate", "16000"))));

        var message = await AssertRefusedAsync(sim, response, sim.State.Balance, "three problems");
        Assert.Equal("Body validation error! prompt: String must contain at least 10 character(s); reference_audio_url: Required; "
            + "lyrics: String must contain at most 3000 character(s); audio_setting.sample_rate: Expected number, received string", message);
    }

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public async Task Submit_WithABodyTheSchemaAccepts_CreatesOneGenerationAndKeepsTheExactBody(string because, string body)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var model = JsonSerializer.Deserialize<JsonElement>(body).GetProperty("model").GetString()!;

        using var response = await sim.PostSubmitAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{because}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal(1, sim.State.GenerationsCreated);
        Assert.Equal(body, Assert.Single(sim.State.AcceptedBodies(model)));
        Assert.Equal("succeeded", Assert.Single(await sim.LogRowsAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Submit_CoverWithBase64OverFiftyMegabytes_IsRefusedWithoutDecoding()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = Valid(Cover, ("reference_audio_url", Convert.ToBase64String(new byte[ReferenceAudio.MaxBytes + 1])));

        using var response = await sim.PostSubmitAsync(body);

        var message = await AssertRefusedAsync(sim, response, sim.State.Balance, "50 MB + 1 byte");
        Assert.EndsWith("reference_audio_url: The reference audio must be at most 50 MB (it is 50.0 MB)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(M15, "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:minimax/music-1\\.5$")]
    [InlineData(M26, "^[A-Za-z0-9_-]{21}$")]
    [InlineData(Cover, "^[A-Za-z0-9_-]{21}$")]
    public async Task Submit_WhenRefused_StillCarriesAnInferenceIdInTheModelsStyle(string model, string idPattern)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.PostSubmitAsync(Body(model, ("prompt", Text(9))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var inferenceId = SimulatorHarness.Header(response, Tracing.InferenceIdHeader)!;
        Assert.Matches(idPattern, inferenceId);
        Assert.Equal(inferenceId, Assert.Single(await sim.LogRowsAsync()).GetProperty("inference_id").GetString());
    }

    /// <summary>The vendor's 400, nothing created or charged or kept, one failed zero-cost row; returns the message.</summary>
    private static async Task<string> AssertRefusedAsync(SimulatorHarness sim, HttpResponseMessage response, decimal balance, string because)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        Assert.Equal(["message", "path", "requestId", "statusCode", "timestamp"], SimulatorHarness.PropertyNames(json.RootElement));
        var message = json.RootElement.GetProperty("message").GetString()!;
        Assert.StartsWith("Body validation error! ", message, StringComparison.Ordinal);
        Assert.Equal(SimulatorEndpoints.SubmitPath, json.RootElement.GetProperty("path").GetString());

        Assert.True(sim.State.GenerationsCreated == 0, $"{because}: a generation was created");
        Assert.Empty(sim.State.AcceptedSubmits);
        Assert.Equal(balance, sim.State.Balance);
        Assert.Equal("0", SimulatorHarness.Header(response, Tracing.CreditsUsedHeader));
        var row = Assert.Single(await sim.LogRowsAsync());
        Assert.Equal("failed", row.GetProperty("status").GetString());
        Assert.Equal(0m, row.GetProperty("cost").GetProperty("usd").GetDecimal());
        Assert.Equal(0, row.GetProperty("cost").GetProperty("credits").GetInt64());
        Assert.Equal(json.RootElement.GetProperty("requestId").GetString(), row.GetProperty("request_id").GetString());
        return message;
    }

    /// <summary><paramref name="length"/> characters of style-description-like text.</summary>
    internal static string Text(int length)
        => string.Concat(Enumerable.Repeat("Lo-fi pop with warm bass\n", (length / 25) + 1))[..length];

    private static string Body(string model, params (string Name, object? Value)[] fields) => SimulatorHarness.ModelBody(model, fields);

    private static (string, object?) Audio(params (string Name, object? Value)[] settings)
        => ("audio_setting", settings.ToDictionary(s => s.Name, s => s.Value));

    /// <summary>A body the model accepts, with <paramref name="overrides"/> replacing or adding fields.</summary>
    private static string Valid(string model, params (string Name, object? Value)[] overrides)
    {
        var fields = new Dictionary<string, object?> { ["prompt"] = Text(50) };
        if (model == Cover)
        {
            fields["reference_audio_url"] = Url;
        }
        else
        {
            fields["lyrics"] = Text(100);
        }

        foreach (var (name, value) in overrides)
        {
            fields[name] = value;
        }

        return Body(model, fields.Select(f => (f.Key, f.Value)).ToArray());
    }

    private static string Base64Wav(double seconds) => Convert.ToBase64String(Wav.Silence(seconds));

    private static string DataUri(byte[] audio, string mediaType = "audio/wav") => $"data:{mediaType};base64,{Convert.ToBase64String(audio)}";
}

/// <summary>Hand-made MP3 files: enough frame headers for a reader to measure them.</summary>
internal static class Mp3
{
    // MPEG-1 Layer III, no CRC; 128 kbit/s, 44.1 kHz, no padding; mono: 417-byte frames of 1152 samples.
    private static readonly byte[] FrameHeader = [0xFF, 0xFB, 0x90, 0xC0];
    private const int FrameBytes = 417;

    /// <summary>A constant-bitrate MP3 of about <paramref name="seconds"/> (silent frames, no Xing header).</summary>
    public static byte[] ConstantBitrate(double seconds)
    {
        var frames = (int)Math.Ceiling(seconds * 128_000 / 8 / FrameBytes);
        var file = new byte[frames * FrameBytes];
        for (var i = 0; i < frames; i++)
        {
            FrameHeader.CopyTo(file, i * FrameBytes);
        }

        return file;
    }
}
