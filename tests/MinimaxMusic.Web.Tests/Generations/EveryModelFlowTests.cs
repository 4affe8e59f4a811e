using System.Net;
using System.Text.Json.Nodes;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>
/// Every model through the real service, the real Refit client, the real poller and archiver and the simulator over
/// loopback: a song is sent, finishes, is kept and plays; invalid input for any model never reaches the vendor.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EveryModelFlowTests
{
    private const string TaggedLyrics = "[Verse]\nStreetlights flicker, the night breeze sighs\nShadows stretch as I walk alone\n[Chorus]\nIn this small cafe, I find my way";
    private const string Style = "Warm indie folk, acoustic guitar, soft female vocals";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Songs => new()
    {
        { "1.5 with tagged lyrics", ModelCatalog.Music15 },
        { "2.0 with tagged lyrics", ModelCatalog.Music20 },
        { "2.6 with tagged lyrics", ModelCatalog.Music26 },
        { "2.6 instrumental", ModelCatalog.Music26 },
        { "2.6 lyrics written for you", ModelCatalog.Music26 },
        { "2.6 as WAV at 32 kHz", ModelCatalog.Music26 },
        { "2.6 as raw PCM at 24 kHz", ModelCatalog.Music26 },
        { "cover of a reference", ModelCatalog.Cover },
        { "legacy", ModelCatalog.Legacy },
    };

    [Theory]
    [MemberData(nameof(Songs))]
    public async Task ASong_OfEveryModel_IsSentFinishesIsKeptAndPlays(string kind, string modelId)
    {
        await using var env = await SimulatedUpstream.StartAsync();
        var request = RequestFor(kind, modelId, env.Reference);

        var result = await env.App.CreateGenerationService().SubmitAsync(request, idempotencyKey: null, parent: null, Token);

        Assert.True(result.Accepted, string.Join(" ", result.Errors));
        var song = await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsArchived || g.Status == GenerationStatus.Failed || g.ArchiveGivenUp);
        Assert.True(song.IsArchived, $"{song.Status}: {song.ErrorMessage} {song.LastArchiveError}");
        Assert.Equal(modelId, song.Model);
        Assert.Equal(request.Instrumental, song.Instrumental);
        Assert.NotNull(song.UsdSpent);
        Assert.True(song.DurationSeconds > 0, "the archived song has a length");

        using var http = env.App.CreateClient();
        using var media = await http.GetAsync($"/media/{song.Id}", Token);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        var contentType = media.Content.Headers.ContentType?.MediaType;
        // Raw PCM is kept as WAV so a browser can play it.
        Assert.Contains(contentType, new[] { "audio/mpeg", "audio/wav" });
        if (request.Audio?.Format is "wav" or "pcm")
        {
            Assert.Equal("audio/wav", contentType);
        }
    }

    [Fact]
    public async Task TheVendor_GetsTheModelsExactBody_FromTheService()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        var request = new SongRequest(ModelCatalog.Music26, Style: Style, Lyrics: TaggedLyrics, Audio: new AudioChoice("wav", 32000, 128000));

        var result = await env.App.CreateGenerationService().SubmitAsync(request, idempotencyKey: null, parent: null, Token);

        Assert.True(result.Accepted, string.Join(" ", result.Errors));
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
        var expected = ModelRules.Body(ModelCatalog.Find(ModelCatalog.Music26)!, request);
        var sent = JsonNode.Parse(Assert.Single(env.Simulator.State.AcceptedSubmits).Body);
        Assert.True(JsonNode.DeepEquals(expected, sent), sent?.ToJsonString());
    }

    public static TheoryData<string, SongRequest, string> InvalidRequests => new()
    {
        { "a 301-character style for 1.5", new(ModelCatalog.Music15, Style: new string('s', 301), Lyrics: TaggedLyrics), "takes at most 300" },
        { "a 9-character style for 2.0", new(ModelCatalog.Music20, Style: "Lo-fi hop", Lyrics: TaggedLyrics), "needs at least 10" },
        { "3001 characters of lyrics for 2.6", new(ModelCatalog.Music26, Style: Style, Lyrics: new string('l', 3001)), "takes at most 3000" },
        { "601 characters for legacy", new(ModelCatalog.Legacy, Lyrics: new string('l', 601), ReferenceUrl: "https://cdn.example.com/r.mp3"), "601" },
        { "no style for 1.5", new(ModelCatalog.Music15, Lyrics: TaggedLyrics), "Describe the style" },
        { "an instrumental with lyrics", new(ModelCatalog.Music26, Style: Style, Lyrics: TaggedLyrics, Instrumental: true), "An instrumental has no lyrics" },
        { "an instrumental on 1.5", new(ModelCatalog.Music15, Style: Style, Instrumental: true), "does not make instrumentals" },
        { "a cover without a reference", new(ModelCatalog.Cover, Style: Style), "reference track" },
        { "a reference for 2.0", new(ModelCatalog.Music20, Style: Style, Lyrics: TaggedLyrics, ReferenceUrl: "https://cdn.example.com/r.mp3"), "takes no reference" },
        { "a FLAC for legacy", new(ModelCatalog.Legacy, Lyrics: "La la la", ReferenceUrl: "https://cdn.example.com/r.flac"), ".mp3 or .wav" },
        { "an unknown format", new(ModelCatalog.Music26, Style: Style, Lyrics: TaggedLyrics, Audio: new AudioChoice("ogg")), "output format" },
        { "an unknown sample rate", new(ModelCatalog.Cover, Style: Style, ReferenceUrl: "https://cdn.example.com/r.mp3", Audio: new AudioChoice(SampleRate: 48000)), "sample rate" },
        { "an unknown model", new("minimax/music-9.9", Style: Style, Lyrics: TaggedLyrics), "use one of minimax-music, minimax/music-1.5" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task InvalidInput_ForAnyModel_IsRefusedWithAReason_AndNothingReachesTheVendor(string kind, SongRequest request, string reason)
    {
        await using var env = await SimulatedUpstream.StartAsync();

        var result = await env.App.CreateGenerationService().SubmitAsync(request, idempotencyKey: null, parent: null, Token);

        Assert.False(result.Accepted, kind);
        Assert.Contains(result.Errors, e => e.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
        Assert.Equal(0, await env.App.SongCountAsync());
    }

    [Fact]
    public async Task AModelLeftOutOfAimlApiModels_IsRefused_NamingTheOffered()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: settings =>
        {
            settings["AimlApi:Models:0"] = ModelCatalog.Legacy;
            settings["AimlApi:Models:1"] = ModelCatalog.Music26;
        });

        var result = await env.App.CreateGenerationService().SubmitAsync(
            new SongRequest(ModelCatalog.Music15, Style: Style, Lyrics: TaggedLyrics), idempotencyKey: null, parent: null, Token);

        Assert.Equal(
            "The model 'minimax/music-1.5' is not offered here; use one of minimax-music, minimax/music-2.6.", Assert.Single(result.Errors));
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task ACoverOfOneOfOurSongs_SendsTheAudioInline_AndRecordsItsParent()
    {
        // Uploads (and so hosted copies of our songs) need a public address; the cover gets the file inline anyway.
        await using var env = await SimulatedUpstream.StartAsync(configureApp: settings => settings["App:PublicBaseUrl"] = "https://music.example.com/");
        var service = env.App.CreateGenerationService();
        // Long enough (over 6 s) for the cover model to take it as a reference.
        var first = await service.SubmitAsync(new SongRequest(ModelCatalog.Legacy,
            Lyrics: "Morning light on the harbour\nGulls above the bay\nNets are mended, boats are painted\nWe sail at dawn today\n\nSalt upon the window\nWind across the quay",
            ReferenceUrl: env.Reference), null, null, Token);
        var original = await env.App.WaitForAsync(first.GenerationId!.Value, g => g.IsArchived);
        var reference = await env.App.Services.AsAdmin<MinimaxMusic.Web.Features.References.ReferenceLibrary>()
            .OfferSongAsync(original.Id, ModelCatalog.Find(ModelCatalog.Cover), Token);
        Assert.True(reference.IsUsable, reference.Problem);

        var cover = await service.SubmitAsync(
            new SongRequest(ModelCatalog.Cover, Style: "Bossa nova, nylon guitar, brushed drums", ReferenceUrl: reference.Url),
            idempotencyKey: null, new SongParent(original.Id, SongOrigin.CoverOf), Token);

        Assert.True(cover.Accepted, string.Join(" ", cover.Errors));
        var song = await env.App.WaitForAsync(cover.GenerationId!.Value, g => g.IsArchived || g.Status == GenerationStatus.Failed);
        Assert.True(song.IsArchived, song.ErrorMessage);
        Assert.Equal(original.Id, song.ParentId);
        Assert.Equal(SongOrigin.CoverOf, song.Origin);
        var sent = JsonNode.Parse(env.Simulator.State.AcceptedSubmits[^1].Body)!["reference_audio_url"]!.GetValue<string>();
        Assert.StartsWith("data:audio/wav;base64,", sent, StringComparison.Ordinal);
    }

    private static SongRequest RequestFor(string kind, string modelId, string reference) => kind switch
    {
        "legacy" => new(modelId, Lyrics: "Morning light on the harbour\nGulls above the bay", ReferenceUrl: reference),
        "2.6 instrumental" => new(modelId, Style: Style, Instrumental: true),
        "2.6 lyrics written for you" => new(modelId, Style: Style, WriteLyrics: true),
        "2.6 as WAV at 32 kHz" => new(modelId, Style: Style, Lyrics: TaggedLyrics, Audio: new AudioChoice("wav", 32000)),
        "2.6 as raw PCM at 24 kHz" => new(modelId, Style: Style, Lyrics: TaggedLyrics, Audio: new AudioChoice("pcm", 24000)),
        "cover of a reference" => new(modelId, Style: Style, ReferenceUrl: reference),
        _ => new(modelId, Style: Style, Lyrics: TaggedLyrics),
    };
}
