using System.Text.Json;
using MinimaxMusic.Core.Models;

namespace MinimaxMusic.Web.Tests.Core.Models;

/// <summary>
/// Each model's rules from the vendor's schemas (shared/contract/models), boundary by boundary: what may be sent and
/// what is refused, with the sentence a person reads.
/// </summary>
public sealed class ModelRulesTests
{
    private const string Legacy = ModelCatalog.Legacy;
    private const string V15 = ModelCatalog.Music15;
    private const string V20 = ModelCatalog.Music20;
    private const string V26 = ModelCatalog.Music26;
    private const string Cover = ModelCatalog.Cover;
    private const string Mp3 = "https://cdn.example.com/track.mp3";
    private const string Wav = "https://cdn.example.com/track.wav";
    private const string Flac = "https://cdn.example.com/track.flac";

    /// <summary>model, style length, lyrics length, reference, instrumental, write lyrics, expected error (null: valid).</summary>
    public static TheoryData<string, int, int, string?, bool, bool, string?> Cases() => new()
    {
        // Legacy: the prompt is the lyrics, 1–600, a .mp3/.wav reference required, nothing else.
        { Legacy, 0, 1, Mp3, false, false, null },
        { Legacy, 0, 600, Wav, false, false, null },
        { Legacy, 0, 601, Mp3, false, false, "at most 600" },
        { Legacy, 0, 0, Mp3, false, false, "Write some lyrics first." },
        { Legacy, 0, 50, null, false, false, "Enter the URL of a reference track (.mp3 or .wav)" },
        { Legacy, 0, 50, Flac, false, false, "must be a .mp3 or .wav file" },
        { Legacy, 20, 50, Mp3, false, false, "takes no style" },
        { Legacy, 0, 50, Mp3, true, false, "does not make instrumentals" },
        { Legacy, 0, 50, Mp3, false, true, "does not write lyrics" },
        { Legacy, 0, 50, "ftp://cdn.example.com/a.mp3", false, false, "absolute http:// or https://" },
        { Legacy, 0, 50, "https://user:pw@cdn.example.com/a.mp3", false, false, "user name or password" },

        // 1.5: style 10–300 and lyrics 10–3000, both required; no reference.
        { V15, 10, 10, null, false, false, null },
        { V15, 9, 10, null, false, false, "The style is 9 characters; minimax/music-1.5 needs at least 10" },
        { V15, 300, 3000, null, false, false, null },
        { V15, 301, 100, null, false, false, "The style is 301 characters; minimax/music-1.5 takes at most 300" },
        { V15, 50, 9, null, false, false, "The lyrics are 9 characters; minimax/music-1.5 needs at least 10" },
        { V15, 50, 3001, null, false, false, "takes at most 3000" },
        { V15, 0, 100, null, false, false, "Describe the style (10–300 characters)" },
        { V15, 50, 0, null, false, false, "Write the lyrics (10–3000 characters)" },
        { V15, 50, 100, Mp3, false, false, "takes no reference track" },
        { V15, 50, 100, null, true, false, "does not make instrumentals" },
        { V15, 50, 100, null, false, true, "does not write lyrics" },

        // 2.0: style 10–2000, lyrics 10–3000.
        { V20, 10, 10, null, false, false, null },
        { V20, 9, 100, null, false, false, "needs at least 10" },
        { V20, 2000, 3000, null, false, false, null },
        { V20, 2001, 100, null, false, false, "The style is 2001 characters; minimax/music-2.0 takes at most 2000" },
        { V20, 301, 100, null, false, false, null },
        { V20, 50, 9, null, false, false, "needs at least 10" },
        { V20, 50, 3001, null, false, false, "The lyrics are 3001 characters" },
        { V20, 0, 100, null, false, false, "Describe the style (10–2000 characters)" },
        { V20, 50, 0, null, false, false, "Write the lyrics" },
        { V20, 50, 100, Wav, false, false, "takes no reference track" },

        // 2.6: only the model is required by the schema; lyrics, an instrumental, or lyrics written from the style.
        { V26, 50, 100, null, false, false, null },
        { V26, 0, 100, null, false, false, null },
        { V26, 9, 100, null, false, false, "needs at least 10" },
        { V26, 10, 10, null, false, false, null },
        { V26, 2000, 3000, null, false, false, null },
        { V26, 2001, 100, null, false, false, "takes at most 2000" },
        { V26, 50, 9, null, false, false, "needs at least 10" },
        { V26, 50, 3001, null, false, false, "takes at most 3000" },
        { V26, 50, 0, null, false, false, "Write the lyrics, or choose Instrumental or Write the lyrics for me" },
        { V26, 50, 0, null, true, false, null },
        { V26, 0, 0, null, true, false, "Describe the music for the instrumental" },
        { V26, 50, 100, null, true, false, "An instrumental has no lyrics" },
        { V26, 50, 0, null, false, true, null },
        { V26, 0, 0, null, false, true, "Describe the song the lyrics should be written for" },
        { V26, 50, 100, null, false, true, "writes them from the style" },
        { V26, 50, 100, Mp3, false, false, "takes no reference track" },

        // Cover: style 10–2000 and a reference required; lyrics optional 10–3000; more formats.
        { Cover, 10, 0, Mp3, false, false, null },
        { Cover, 2000, 3000, Wav, false, false, null },
        { Cover, 9, 0, Mp3, false, false, "needs at least 10" },
        { Cover, 2001, 0, Mp3, false, false, "takes at most 2000" },
        { Cover, 50, 9, Mp3, false, false, "needs at least 10" },
        { Cover, 50, 3001, Mp3, false, false, "takes at most 3000" },
        { Cover, 50, 100, Flac, false, false, null },
        { Cover, 50, 0, "https://cdn.example.com/track.ogg", false, false, null },
        { Cover, 50, 0, "https://cdn.example.com/track.mid", false, false, "must be a .mp3, .wav, .flac, .ogg, .m4a or .aac file" },
        { Cover, 50, 0, null, false, false, "Enter the URL of a reference track" },
        { Cover, 0, 0, Mp3, false, false, "Describe the style" },
        { Cover, 50, 0, Mp3, true, false, "does not make instrumentals" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachModel_AcceptsWhatItsSchemaAllows_AndNamesWhatItRefuses(
        string modelId, int styleLength, int lyricsLength, string? reference, bool instrumental, bool writeLyrics, string? expectedError)
    {
        var model = ModelCatalog.Find(modelId)!;
        var request = new SongRequest(modelId, Text(styleLength, "Dreamy synth pop, female voice. "), Text(lyricsLength, "la la la\n"),
            reference, instrumental, writeLyrics);

        var errors = ModelRules.Validate(model, request);

        if (expectedError is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.Contains(expectedError, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheTable_HasAtLeastSixtyCases_AndCoversEveryModel()
    {
        var cases = Cases().Select(row => (string)row.Data.Item1).ToList();
        Assert.True(cases.Count >= 60, $"{cases.Count} cases");
        Assert.Equal(ModelCatalog.All.Select(m => m.Id).Order(), cases.Distinct().Order());
    }

    [Theory]
    [InlineData("mp3", null, null, null)]
    [InlineData("pcm", 16000, 32000, null)]
    [InlineData("ogg", null, null, "output format must be one of mp3, wav, pcm")]
    [InlineData(null, 48000, null, "sample rate must be one of 16000, 24000, 32000, 44100")]
    [InlineData(null, null, 320000, "bitrate must be one of 32000, 64000, 128000, 256000")]
    public void AudioSettings_AreCheckedAgainstTheSchemasEnums(string? format, int? rate, int? bitrate, string? expectedError)
    {
        var errors = ModelRules.Validate(ModelCatalog.Find(V26)!,
            new SongRequest(V26, "Lo-fi beats for studying", Instrumental: true, Audio: new AudioChoice(format, rate, bitrate)));

        Assert.Equal(expectedError is null, errors.Count == 0);
        if (expectedError is not null)
        {
            Assert.Contains(errors, e => e.Contains(expectedError, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheLegacyModel_HasNoOutputSettings()
    {
        var errors = ModelRules.Validate(ModelCatalog.Find(Legacy)!, new SongRequest(Legacy, Lyrics: "la la", ReferenceUrl: Mp3, Audio: new("wav")));

        Assert.Contains(errors, e => e.Contains("no output settings", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Cover, "mp3", 1_000_000, 5.0, "needs at least 6 s")]
    [InlineData(Cover, "mp3", 1_000_000, 6.0, null)]
    [InlineData(Cover, "wav", 1_000_000, 360.0, null)]
    [InlineData(Cover, "wav", 1_000_000, 361.0, "takes at most 6 min")]
    [InlineData(Cover, "flac", 52_428_800, 60.0, null)]
    [InlineData(Cover, "flac", 52_428_801, 60.0, "takes at most 50 MB")]
    [InlineData(Cover, "flac", 1_000_000, 60.0, null)]
    [InlineData(Legacy, "flac", 1_000_000, 60.0, "the file is FLAC; minimax-music takes MP3 or WAV")]
    [InlineData(Legacy, "wav", 1_000_000, 15.0, "needs more than 15 s")]
    [InlineData(Legacy, "wav", 1_000_000, 15.1, null)]
    [InlineData(Legacy, "mp3", 1_000_000, 600.0, null)]
    [InlineData(V26, "mp3", 1_000_000, 30.0, "takes no reference track")]
    public void AMeasuredReference_IsCheckedByTheModelsOwnRules(string modelId, string format, long bytes, double seconds, string? expected)
    {
        var problem = ModelRules.CheckReference(ModelCatalog.Find(modelId)!, new ReferenceFacts(format, bytes, TimeSpan.FromSeconds(seconds)));

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheLegacyBody_IsExactlyWhatTheAppSendsToday()
    {
        var body = ModelRules.Body(ModelCatalog.Find(Legacy)!, new SongRequest(Legacy, Lyrics: "##Sing##", ReferenceUrl: " " + Mp3 + " "));

        Assert.Equal("""{"model":"minimax-music","prompt":"##Sing##","reference_audio_url":"https://cdn.example.com/track.mp3"}""",
            body.ToJsonString());
    }

    [Theory]
    [InlineData(V15, """{"model":"minimax/music-1.5","prompt":"Dreamy synth pop","lyrics":"[Verse]\nla la la","audio_setting":{"audio_sample_rate":32000,"bitrate":128000,"format":"wav"}}""")]
    [InlineData(V20, """{"model":"minimax/music-2.0","prompt":"Dreamy synth pop","lyrics":"[Verse]\nla la la","audio_setting":{"audio_sample_rate":32000,"bitrate":128000,"format":"wav"}}""")]
    [InlineData(V26, """{"model":"minimax/music-2.6","prompt":"Dreamy synth pop","lyrics":"[Verse]\nla la la","audio_setting":{"audio_sample_rate":32000,"bitrate":128000,"format":"wav"}}""")]
    [InlineData(Cover, """{"model":"minimax/music-cover","prompt":"Dreamy synth pop","reference_audio_url":"https://cdn.example.com/track.mp3","lyrics":"[Verse]\nla la la","audio_setting":{"sample_rate":32000,"bitrate":128000,"format":"wav"}}""")]
    public void EachNewModelsBody_NamesItsFieldsAsItsSchemaDoes_WithIntegersAsNumbers(string modelId, string expected)
    {
        var model = ModelCatalog.Find(modelId)!;
        var request = new SongRequest(modelId, "Dreamy synth pop", "[Verse]\nla la la", model.Reference.Accepted ? Mp3 : null,
            Audio: new AudioChoice("wav", 32000, 128000));
        Assert.Empty(ModelRules.Validate(model, request));

        var body = ModelRules.Body(model, request);

        Assert.Equal(JsonDocument.Parse(expected).RootElement.GetRawText(), JsonDocument.Parse(body.ToJsonString()).RootElement.GetRawText());
        Assert.Equal(expected, body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void AnInstrumentalBody_SendsTheSwitch_AndNoLyrics()
    {
        var body = ModelRules.Body(ModelCatalog.Find(V26)!, new SongRequest(V26, "Ambient piano, slow", Instrumental: true));

        Assert.Equal("""{"model":"minimax/music-2.6","prompt":"Ambient piano, slow","is_instrumental":true}""", body.ToJsonString());
    }

    [Fact]
    public void WrittenLyrics_SendTheOptimizer_WithoutLyrics()
    {
        var body = ModelRules.Body(ModelCatalog.Find(V26)!, new SongRequest(V26, "A sea shanty about coffee", WriteLyrics: true));

        Assert.Equal("""{"model":"minimax/music-2.6","prompt":"A sea shanty about coffee","lyrics_optimizer":true}""", body.ToJsonString());
    }

    /// <summary>Exactly <paramref name="length"/> UTF-16 units of <paramref name="pattern"/> repeated (empty for 0).</summary>
    private static string Text(int length, string pattern)
    {
        var text = string.Concat(Enumerable.Repeat(pattern, length / pattern.Length + 1))[..length];
        // A cut that ends on a space or a new line would be trimmed by the style rule: end on a letter.
        return length > 0 && char.IsWhiteSpace(text[^1]) ? text[..^1] + "a" : text;
    }
}
