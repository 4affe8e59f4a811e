using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.References;

namespace MinimaxMusic.Web.Tests.Api;

/// <summary>
/// <c>POST /api/generations</c> per model on the real app against the simulator: the server is the authority for every
/// model's rules, refusals reach nothing (counted at the simulator), and the OpenAPI document states the limits.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GenerationsApiModelTests
{
    private const string PublicBase = "https://music.example.com/";
    private const string TaggedLyrics = "[Verse]\nMorning light on the harbour\nGulls above the bay\n[Chorus]\nSail away";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_WithoutAModel_MakesAMinimaxMusicSong_AsClientsFromBeforeExpect()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: s => s["AimlApi:DefaultModel"] = ModelCatalog.Music26);
        using var client = env.App.CreateClient();

        using var response = await client.PostAsJsonAsync("api/generations",
            new { lyrics = "Morning light on the harbour\nGulls above the bay", referenceAudioUrl = env.Reference }, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var song = await ReadAsync(response);
        Assert.Equal(ModelCatalog.Legacy, song.GetProperty("model").GetString());
        Assert.Equal("New", song.GetProperty("origin").GetString());
        Assert.Equal(JsonValueKind.Null, song.GetProperty("parentId").ValueKind);
        Assert.Equal(0.06m, song.GetProperty("usdSpent").GetDecimal());
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task Post_A26Instrumental_IsMadeWithItsStyleAndOutputSettings()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();

        using var response = await client.PostAsJsonAsync("api/generations", new
        {
            model = ModelCatalog.Music26,
            style = "Warm lo-fi piano with soft rain and a slow brush kit",
            instrumental = true,
            audioSetting = new { format = "wav", sampleRate = 44100, bitrate = 256000 },
        }, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await ReadAsync(response);
        Assert.Equal(ModelCatalog.Music26, created.GetProperty("model").GetString());
        Assert.True(created.GetProperty("instrumental").GetBoolean());
        Assert.Equal("Warm lo-fi piano with soft rain and a slow brush kit", created.GetProperty("style").GetString());
        Assert.Equal("wav", created.GetProperty("audioSetting").GetProperty("format").GetString());
        Assert.Equal(44100, created.GetProperty("audioSetting").GetProperty("sampleRate").GetInt32());
        var song = await env.App.WaitForAsync(created.GetProperty("id").GetGuid(), g => g.IsSettled(), TimeSpan.FromSeconds(60));
        Assert.Equal(GenerationStatus.Completed, song.Status);
    }

    [Fact]
    public async Task Post_A15SongWithA301CharacterStyle_IsRefusedWithTheLimit_AndNothingIsSent()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();

        using var response = await client.PostAsJsonAsync("api/generations",
            new { model = ModelCatalog.Music15, style = new string('a', 301), lyrics = TaggedLyrics }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The style is 301 characters; minimax/music-1.5 takes at most 300.", Errors(await ReadAsync(response), "input").Single());
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task Post_WithAnUnknownModel_IsRefusedListingTheOfferedModels_AndNothingIsSent()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();

        using var response = await client.PostAsJsonAsync("api/generations",
            new { model = "minimax/music-9", style = "Warm acoustic folk", lyrics = TaggedLyrics }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The model 'minimax/music-9' is not offered here; use one of minimax-music, minimax/music-1.5, minimax/music-2.0, "
                     + "minimax/music-2.6, minimax/music-cover.", Errors(await ReadAsync(response), "model").Single());
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task Post_WithAModelSwitchedOffInAimlApiModels_IsRefusedListingTheOfferedOnes_AndNothingIsSent()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: OfferLegacyAnd26);
        using var client = env.App.CreateClient();

        using var response = await client.PostAsJsonAsync("api/generations",
            new { model = ModelCatalog.Music15, style = "Warm acoustic folk", lyrics = TaggedLyrics }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The model 'minimax/music-1.5' is not offered here; use one of minimax-music, minimax/music-2.6.",
            Errors(await ReadAsync(response), "model").Single());
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task TheOpenApiDocument_ListsTheOfferedModels_AndEachFieldsLimitsPerModel()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: s =>
        {
            s["AimlApi:Models:0"] = ModelCatalog.Legacy;
            s["AimlApi:Models:1"] = ModelCatalog.Music15;
            s["AimlApi:Models:2"] = ModelCatalog.Cover;
        });
        using var client = env.App.CreateClient();

        var schemas = (await ReadAsync(await client.GetAsync("openapi/v1.json", Token))).GetProperty("components").GetProperty("schemas");

        var request = schemas.GetProperty("CreateGenerationRequest").GetProperty("properties");
        var model = request.GetProperty("model");
        Assert.Equal([ModelCatalog.Legacy, ModelCatalog.Music15, ModelCatalog.Cover], Strings(model.GetProperty("enum")));
        Assert.Equal(ModelCatalog.Legacy, model.GetProperty("default").GetString());
        Assert.Contains("Omitted: minimax-music", model.GetProperty("description").GetString(), StringComparison.Ordinal);
        var style = request.GetProperty("style").GetProperty("description").GetString();
        Assert.Contains("minimax/music-1.5: 10–300 characters, required", style, StringComparison.Ordinal);
        Assert.Contains("minimax/music-cover: 10–2000 characters, required", style, StringComparison.Ordinal);
        Assert.Contains("minimax-music: not taken", style, StringComparison.Ordinal);
        Assert.DoesNotContain(ModelCatalog.Music20, style, StringComparison.Ordinal); // not offered here
        Assert.Contains("minimax-music: 1–600 characters, required", request.GetProperty("lyrics").GetProperty("description").GetString(),
            StringComparison.Ordinal);
        Assert.Contains("minimax/music-cover: required: MP3, WAV, FLAC, OGG, M4A or AAC, 6 s to 6 min long, at most 50 MB",
            request.GetProperty("referenceAudioUrl").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Empty(Strings(schemas.GetProperty("CreateGenerationRequest"), "required")); // which fields a song needs depends on its model

        var audio = schemas.GetProperty("AudioSettingRequest").GetProperty("properties");
        Assert.Equal(["mp3", "wav", "pcm"], Strings(audio.GetProperty("format").GetProperty("enum")));
        Assert.Equal([16000, 24000, 32000, 44100], audio.GetProperty("sampleRate").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([32000, 64000, 128000, 256000], audio.GetProperty("bitrate").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));

        var song = schemas.GetProperty("GenerationDto").GetProperty("properties");
        Assert.Equal(["New", "CoverOf", "GeneratedAgainFrom"], Strings(song.GetProperty("origin").GetProperty("enum")));
        Assert.True(song.TryGetProperty("usdSpent", out _));
    }

    [Theory]
    [InlineData(ModelCatalog.Legacy, null)]
    [InlineData(ModelCatalog.Cover, "Slow bossa nova with nylon guitar")]
    public async Task Post_CoverOfAFinishedSong_HostsItAsTheReference_AndRecordsItsParent(string modelId, string? style)
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: s => s["App:PublicBaseUrl"] = PublicBase);
        using var client = env.App.CreateClient();
        var original = await AddFinishedSongAsync(env.App);

        using var response = await client.PostAsJsonAsync("api/generations",
            new { model = modelId, style, lyrics = "Morning light on the harbour\nGulls above the bay", coverOf = original }, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await ReadAsync(response);
        Assert.Equal(original, created.GetProperty("parentId").GetGuid());
        Assert.Equal("CoverOf", created.GetProperty("origin").GetString());
        Assert.StartsWith($"{PublicBase}references/", created.GetProperty("referenceAudioUrl").GetString(), StringComparison.Ordinal);
        var song = await env.App.WaitForAsync(created.GetProperty("id").GetGuid(), g => g.IsSettled(), TimeSpan.FromSeconds(60));
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.Equal(original, song.ParentId);
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task Post_GeneratedAgainFromASong_RecordsItsParent()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();
        var original = await AddFinishedSongAsync(env.App);

        using var response = await client.PostAsJsonAsync("api/generations",
            new { lyrics = "Morning light again\nGulls above the bay", referenceAudioUrl = env.Reference, generatedAgainFrom = original }, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await ReadAsync(response);
        Assert.Equal(original, created.GetProperty("parentId").GetGuid());
        Assert.Equal("GeneratedAgainFrom", created.GetProperty("origin").GetString());
    }

    [Fact]
    public async Task Post_CoverOfASongThatIsNotFinished_IsRefused_AndNothingIsSent()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: s => s["App:PublicBaseUrl"] = PublicBase);
        using var client = env.App.CreateClient();

        using var response = await client.PostAsJsonAsync("api/generations",
            new { lyrics = "Morning light on the harbour\nGulls above the bay", coverOf = Guid.NewGuid() }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("that song is not available as a reference (it is not finished, or its audio was not kept)",
            Errors(await ReadAsync(response), "coverOf").Single(), StringComparison.Ordinal);
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    private static void OfferLegacyAnd26(Dictionary<string, string?> settings)
    {
        settings["AimlApi:Models:0"] = ModelCatalog.Legacy;
        settings["AimlApi:Models:1"] = ModelCatalog.Music26;
    }

    /// <summary>A completed song whose 20 s WAV is archived, as the archiver leaves it.</summary>
    private static async Task<Guid> AddFinishedSongAsync(TestApp app)
    {
        var id = Guid.NewGuid();
        var audio = AudioFixtures.SineWav(TimeSpan.FromSeconds(20));
        var folder = Directory.CreateDirectory(Path.Combine(app.DataDirectory, "audio")).FullName;
        var fileName = $"{id:N}.wav";
        await File.WriteAllBytesAsync(Path.Combine(folder, fileName), audio, Token);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Token);
        db.Generations.Add(new SongBuilder
        {
            Id = id,
            Title = "Morning song",
            CreatedAtUtc = DateTime.UtcNow.AddHours(-1),
            AudioContentType = "audio/wav",
            ArchivedFileName = fileName,
            ArchivedSize = audio.Length,
        }.Build());
        await db.SaveChangesAsync(Token);
        return id;
    }

    private static IEnumerable<string> Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!);

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static List<string> Strings(JsonElement schema, string property) =>
        schema.TryGetProperty(property, out var values) ? Strings(values) : [];

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Token);
}
