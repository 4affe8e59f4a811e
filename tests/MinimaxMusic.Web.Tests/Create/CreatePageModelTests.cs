using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.References;
using MinimaxMusic.Web.Upstream;
using MudBlazor;
using MudBlazor.Extensions;
using Refit;

namespace MinimaxMusic.Web.Tests.Create;

/// <summary>The Create page per model: its fields, counters, dialect, switches, and what a submit sends.</summary>
public sealed class CreatePageModelTests : AppServicesContext
{
    private const string PublicBaseUrl = "https://music.example.com/";
    private readonly RecordingUpstream _upstream = new();
    private string[]? _offered;
    private string _defaultModel = ModelCatalog.Legacy;
    private string? _publicBaseUrl;
    private IRenderedComponent<MudPopoverProvider> Popovers { get; set; } = null!;

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ReplaceUpstream(_upstream);
        // Read when the page first asks, so each test sets them before it renders.
        services.Configure<AimlApiOptions>(o =>
        {
            o.Models = _offered;
            o.DefaultModel = _defaultModel;
        });
        services.Configure<AppOptions>(o => o.PublicBaseUrl = _publicBaseUrl);
    }

    [Fact]
    public void ByDefault_TheLegacyModelIsChosen_AndThePageAsksWhatItAlwaysAsked()
    {
        var page = Open();

        Assert.Equal(ModelCatalog.Legacy, ModelSelect(page).Instance.GetState(x => x.Value));
        Assert.Equal(["Model", "Lyrics", "Reference track URL"], Labels(page));
        Assert.Equal("0 / 600", page.Find(".lyrics-counter").TextContent.Trim());
        Assert.Empty(page.FindAll(".style-counter"));
        Assert.Empty(page.FindAll(".advanced-settings"));
        Assert.Empty(Buttons(page, "Write the lyrics for me"));
        Assert.Single(Buttons(page, "Insert pause"));
        Assert.Contains("How the model reads lyrics", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheModelSelect_ListsEachOfferedModelByIdAndName()
    {
        _offered = [ModelCatalog.Legacy, ModelCatalog.Music26, ModelCatalog.Cover];
        var page = Open();

        await page.InvokeAsync(ModelSelect(page).Instance.OpenMenu);

        Popovers.WaitForAssertion(() => Assert.Equal(
            [
                "minimax-music · MiniMax Music (legacy)",
                "minimax/music-2.6 · MiniMax Music 2.6",
                "minimax/music-cover · MiniMax Music Cover",
            ],
            Popovers.FindAll(".model-option-title").Select(o => o.TextContent.Trim())));
        Assert.Equal(
            [.. new[] { ModelCatalog.Legacy, ModelCatalog.Music26, ModelCatalog.Cover }.Select(id => ModelCatalog.Find(id)!.Description)],
            Popovers.FindAll(".model-option-description").Select(o => o.TextContent.Trim()));
    }

    [Theory]
    [InlineData(ModelCatalog.Legacy, "Model|Lyrics|Reference track URL", null, "0 / 600")]
    [InlineData(ModelCatalog.Music15, "Model|Style|Lyrics|Output format|Sample rate|Bitrate", "0 / 300", "0 / 3000")]
    [InlineData(ModelCatalog.Music20, "Model|Style|Lyrics|Output format|Sample rate|Bitrate", "0 / 2000", "0 / 3000")]
    [InlineData(ModelCatalog.Music26, "Model|Style|Instrumental|Lyrics|Output format|Sample rate|Bitrate", "0 / 2000", "0 / 3000")]
    [InlineData(ModelCatalog.Cover, "Model|Style|Lyrics|Reference track URL|Output format|Sample rate|Bitrate", "0 / 2000", "0 / 3000")]
    public void EachModel_ShowsItsOwnFieldsAndLimits(string model, string labels, string? styleCounter, string lyricsCounter)
    {
        _defaultModel = model;
        var page = Open();

        Assert.Equal(model, ModelSelect(page).Instance.GetState(x => x.Value));
        Assert.Equal(labels.Split('|'), Labels(page));
        Assert.Equal(styleCounter, page.FindAll(".style-counter").SingleOrDefault()?.TextContent.Trim());
        Assert.Equal(lyricsCounter, page.Find(".lyrics-counter").TextContent.Trim());
        Assert.Equal(model == ModelCatalog.Music26, Buttons(page, "Write the lyrics for me").Count == 1);
        Assert.Equal(model != ModelCatalog.Legacy, Buttons(page, "[Verse]").Count == 1);
        Assert.Equal(model == ModelCatalog.Legacy, Buttons(page, "Add accompaniment").Count == 1);
    }

    [Fact]
    public void Counters_CountTheStyleAndTheLyricsAgainstTheModelsLimits()
    {
        _defaultModel = ModelCatalog.Music15;
        var page = Open();

        page.Find(".style-input textarea").Input(new string('s', 301));
        page.Find(".lyrics-input textarea").Input(new string('l', 3001));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("301 / 300", page.Find(".style-counter").TextContent.Trim());
            Assert.Contains("mud-error-text", page.Find(".style-counter").ClassName, StringComparison.Ordinal);
            Assert.Equal("3001 / 3000", page.Find(".lyrics-counter").TextContent.Trim());
            Assert.Contains("mud-error-text", page.Find(".lyrics-counter").ClassName, StringComparison.Ordinal);
        });
        Assert.True(GenerateButton(page).HasAttribute("disabled"));
        Assert.Equal("The style is 301 characters; minimax/music-1.5 takes at most 300.", page.Find(".generate-blocker").TextContent.Trim());
        Assert.Equal(["The lyrics are 3001 characters; minimax/music-1.5 takes at most 3000."],
            page.FindAll(".rule-problems li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public void TagButtons_PutTheTagOnALineOfItsOwn_AndThePreviewShowsTheSections()
    {
        _defaultModel = ModelCatalog.Music20;
        var page = Open();
        page.Find(".lyrics-input textarea").Input("Streetlights flicker");
        // The writer's cursor is at the end of the line they just typed.
        JSInterop.SetupModule("./js/lyrics-editor.js").Setup<int>("caret", ".lyrics-input textarea").SetResult("Streetlights flicker".Length);

        Buttons(page, "[Chorus]").Single().Click();
        page.Find(".lyrics-input textarea").Input(Lyrics(page) + "Pushing the wooden door");

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Streetlights flicker\n[Chorus]\nPushing the wooden door", Lyrics(page));
            Assert.Equal(["Before the first tag", "Chorus"], page.FindAll(".section-preview-name").Select(n => n.TextContent.Trim()));
            Assert.Equal(["Streetlights flicker", "Pushing the wooden door"], page.FindAll(".section-preview-text").Select(t => t.TextContent));
        });
        Assert.Equal("1 section · songs of up to about 4 min", page.Find(".lyrics-estimate").TextContent.Trim());
    }

    [Fact]
    public void AnUnknownTag_IsWarnedAboutAndMarkedInThePreview()
    {
        _defaultModel = ModelCatalog.Music20;
        var page = Open();

        page.Find(".lyrics-input textarea").Input("[Verze]\nStreetlights flicker tonight");

        page.WaitForAssertion(() =>
        {
            var warning = page.FindAll(".lyrics-diagnostic[data-severity='warning']").Single();
            Assert.Equal("Line 1: [Verze] is not a section tag the models know (did you mean [Verse]?); it may be sung as words.", warning.TextContent.Trim());
            Assert.Equal("false", page.Find(".section-preview-section").GetAttribute("data-known"));
            Assert.NotNull(page.Find(".section-preview-unknown"));
        });
    }

    [Fact]
    public async Task Music15_GeneratesOnceStyleAndLyricsFit_AndSendsTheModelsBody()
    {
        _defaultModel = ModelCatalog.Music15;
        var page = Open();
        page.Find(".style-input textarea").Input("Lo-fi pop");
        page.Find(".lyrics-input textarea").Input("[Verse]\nStreetlights flicker");

        page.WaitForAssertion(() => Assert.Equal("The style is 9 characters; minimax/music-1.5 needs at least 10.", page.Find(".generate-blocker").TextContent.Trim()));
        Assert.True(GenerateButton(page).HasAttribute("disabled"));

        page.Find(".style-input textarea").Input("Lo-fi pop, soft piano");
        page.WaitForAssertion(() => Assert.False(GenerateButton(page).HasAttribute("disabled")));
        await GenerateButton(page).ClickAsync(new());

        Assert.Empty(page.FindAll(".submit-error").Select(e => e.TextContent.Trim()));
        var body = Assert.Single(_upstream.Bodies);
        Assert.Equal("""{"model":"minimax/music-1.5","prompt":"Lo-fi pop, soft piano","lyrics":"[Verse]\nStreetlights flicker"}""", body.ToJsonString());
        var song = await LatestAsync();
        Assert.Equal((ModelCatalog.Music15, "Lo-fi pop, soft piano", SongOrigin.New), (song.Model, song.Style, song.Origin));
    }

    [Fact]
    public async Task Instrumental_NeedsNoLyrics_AndKeepsWhatWasWrittenUnsent()
    {
        _defaultModel = ModelCatalog.Music26;
        var page = Open();
        page.Find(".lyrics-input textarea").Input("[Verse]\nWords I may want later");
        page.Find(".lyrics-input textarea").Input(string.Empty);
        page.WaitForAssertion(() => Assert.Equal("Write the lyrics, or choose Instrumental or Write the lyrics for me.", page.Find(".generate-blocker").TextContent.Trim()));
        page.Find(".lyrics-input textarea").Input("[Verse]\nWords I may want later");

        page.Find(".instrumental-switch input").Change(true);

        page.WaitForAssertion(() =>
        {
            Assert.True(page.Find(".lyrics-input textarea").HasAttribute("disabled"));
            Assert.Equal("[Verse]\nWords I may want later", Lyrics(page));
            Assert.StartsWith("An instrumental has no vocals", page.Find(".lyrics-not-sent").TextContent.Trim(), StringComparison.Ordinal);
            Assert.Equal("Describe the music for the instrumental (10–2000 characters).", page.Find(".generate-blocker").TextContent.Trim());
        });
        Assert.All(Buttons(page, "[Verse]"), b => Assert.True(b.HasAttribute("disabled")));

        page.Find(".style-input textarea").Input("Calm piano and soft strings");
        page.WaitForAssertion(() => Assert.False(GenerateButton(page).HasAttribute("disabled")));
        await GenerateButton(page).ClickAsync(new());

        Assert.Equal("""{"model":"minimax/music-2.6","prompt":"Calm piano and soft strings","is_instrumental":true}""",
            Assert.Single(_upstream.Bodies).ToJsonString());
    }

    [Fact]
    public async Task WriteTheLyricsForMe_IsAToggleButton_ThatSendsTheOptimizerWithoutLyrics()
    {
        _defaultModel = ModelCatalog.Music26;
        var page = Open();
        var toggle = Buttons(page, "Write the lyrics for me").Single();
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));

        toggle.Click();
        page.Find(".style-input textarea").Input("An upbeat song about harbour lights");

        page.WaitForAssertion(() =>
        {
            Assert.Equal("true", Buttons(page, "Write the lyrics for me").Single().GetAttribute("aria-pressed"));
            Assert.True(page.Find(".lyrics-input textarea").HasAttribute("disabled"));
            Assert.False(GenerateButton(page).HasAttribute("disabled"));
        });
        await GenerateButton(page).ClickAsync(new());

        Assert.Equal("""{"model":"minimax/music-2.6","prompt":"An upbeat song about harbour lights","lyrics_optimizer":true}""",
            Assert.Single(_upstream.Bodies).ToJsonString());
        Assert.True((await LatestAsync()).WriteLyrics);
    }

    [Fact]
    public async Task SwitchingModels_KeepsWhatDoesNotFit_AndSaysSo()
    {
        const string reference = "http://127.0.0.1:9/reference.mp3";
        var page = Open();
        page.Find(".lyrics-input textarea").Input(new string('a', 700));
        page.Find(".reference-input input").Input(reference);

        await ChooseModelAsync(page, ModelCatalog.Music15);

        page.WaitForAssertion(() => Assert.Equal(
            ["minimax/music-1.5 takes no reference track; it was kept in case you switch back."],
            page.FindAll(".model-note").Select(n => n.TextContent.Trim())));
        Assert.Empty(page.FindAll(".reference-input"));
        Assert.Equal("700 / 3000", page.Find(".lyrics-counter").TextContent.Trim());
        Assert.Equal("no section tags · songs of up to about 4 min", page.Find(".lyrics-estimate").TextContent.Trim());

        await ChooseModelAsync(page, ModelCatalog.Legacy);

        page.WaitForAssertion(() => Assert.Equal(
            ["The lyrics are 700 characters; minimax-music takes 600."],
            page.FindAll(".model-note").Select(n => n.TextContent.Trim())));
        Assert.Equal(reference, page.Find(".reference-input input").GetAttribute("value"));
        Assert.Equal(new string('a', 700), Lyrics(page));
    }

    [Fact]
    public async Task GenerateAgain_RestoresEverySetting_AndSubmitsAsAVersionOfTheSong()
    {
        var original = await AddSongAsync(new SongRequest(ModelCatalog.Music26, "Warm lo-fi pop with piano", "[Verse]\nHarbour lights",
            Audio: new AudioChoice("wav", 32000, 128000)));

        var page = Open($"/?from={original.Id}");

        Assert.Equal(ModelCatalog.Music26, ModelSelect(page).Instance.GetState(x => x.Value));
        Assert.Equal("Warm lo-fi pop with piano", page.Find(".style-input textarea").GetAttribute("value"));
        Assert.Equal("[Verse]\nHarbour lights", Lyrics(page));
        Assert.Equal("false", Buttons(page, "Write the lyrics for me").Single().GetAttribute("aria-pressed"));
        Assert.Equal("WAV, 32000 Hz, 128 kbit/s", page.Find(".advanced-summary").TextContent.Trim());
        Assert.Equal(["wav", "32000", "128000"], AudioSelects(page).Select(s => s.Instance.GetState(x => x.Value)));
        Assert.Contains("Copied every setting of “", page.Find(".copied-from").TextContent, StringComparison.Ordinal);

        page.WaitForAssertion(() => Assert.False(GenerateButton(page).HasAttribute("disabled")));
        await GenerateButton(page).ClickAsync(new());

        Assert.Equal(
            """{"model":"minimax/music-2.6","prompt":"Warm lo-fi pop with piano","lyrics":"[Verse]\nHarbour lights","audio_setting":{"audio_sample_rate":32000,"bitrate":128000,"format":"wav"}}""",
            Assert.Single(_upstream.Bodies).ToJsonString());
        var again = await LatestAsync();
        Assert.Equal((original.Id, SongOrigin.GeneratedAgainFrom), (again.ParentId, again.Origin));
        Assert.Equal(("wav", 32000, 128000), (again.OutputFormat, again.SampleRate, again.Bitrate));
    }

    [Fact]
    public async Task GenerateAgain_RestoresAnInstrumental()
    {
        var original = await AddSongAsync(new SongRequest(ModelCatalog.Music26, "Calm piano and soft strings", Instrumental: true));

        var page = Open($"/?from={original.Id}");

        Assert.True(page.FindComponent<MudSwitch<bool>>().Instance.GetState(x => x.Value));
        Assert.True(page.Find(".lyrics-input textarea").HasAttribute("disabled"));
        page.WaitForAssertion(() => Assert.False(GenerateButton(page).HasAttribute("disabled")));
    }

    [Fact]
    public async Task GenerateAgain_OfAModelNoLongerOffered_SaysSoAndFallsBackToTheDefault()
    {
        _offered = [ModelCatalog.Legacy, ModelCatalog.Music26];
        var original = await AddSongAsync(new SongRequest(ModelCatalog.Music15, "Lo-fi pop, soft piano", "[Verse]\nHarbour lights"));

        var page = Open($"/?from={original.Id}");

        Assert.Equal(ModelCatalog.Legacy, ModelSelect(page).Instance.GetState(x => x.Value));
        Assert.Contains("was made with minimax/music-1.5, which is not offered here; the page uses minimax-music instead",
            page.Find(".model-notice").TextContent, StringComparison.Ordinal);
        Assert.Contains("minimax-music takes no style description; it was kept in case you switch back.",
            page.FindAll(".model-note").Select(n => n.TextContent.Trim()));
    }

    [Fact]
    public async Task CoverOf_WhenTheCoverModelIsNotOffered_SaysSo()
    {
        _offered = [ModelCatalog.Legacy, ModelCatalog.Music26];
        var song = await AddSongAsync(new SongRequest(ModelCatalog.Music26, "Warm lo-fi pop", "[Verse]\nHarbour lights"));

        var page = Open($"/?coverOf={song.Id}");

        Assert.Equal("Covers are not offered here: minimax/music-cover is not among this app's models (AimlApi:Models).",
            page.Find(".model-notice").TextContent.Trim());
        Assert.Equal(ModelCatalog.Legacy, ModelSelect(page).Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task CoverOf_WithoutAPublicAddress_SaysWhyTheSongCannotBeTheReference()
    {
        var song = await AddSongAsync(new SongRequest(ModelCatalog.Music26, "Warm lo-fi pop", "[Verse]\nHarbour lights"),
            AudioFixtures.SineWav(TimeSpan.FromSeconds(20)));

        var page = Open($"/?coverOf={song.Id}");

        page.WaitForAssertion(() => Assert.Equal(
            $"“{song.Title}” can't be the reference here: {ReferenceUploads.DisabledExplanation}", page.Find(".model-notice").TextContent.Trim()));
        Assert.Equal(ModelCatalog.Cover, ModelSelect(page).Instance.GetState(x => x.Value));
        Assert.True(GenerateButton(page).HasAttribute("disabled"));
    }

    [Fact]
    public async Task CoverOf_PreselectsTheCoverModel_PutsTheSongInAsItsReference_AndRecordsTheParent()
    {
        _publicBaseUrl = PublicBaseUrl;
        // 10 s: too short for the legacy model's reference, long enough for the cover model's (6 s – 6 min).
        var song = await AddSongAsync(new SongRequest(ModelCatalog.Music26, "Warm lo-fi pop", "[Verse]\nHarbour lights"),
            AudioFixtures.SineWav(TimeSpan.FromSeconds(10)));

        var page = Open($"/?coverOf={song.Id}");

        Assert.Equal(ModelCatalog.Cover, ModelSelect(page).Instance.GetState(x => x.Value));
        Assert.Equal("Warm lo-fi pop", page.Find(".style-input textarea").GetAttribute("value"));
        Assert.Equal("[Verse]\nHarbour lights", Lyrics(page));
        Assert.Contains("A cover of “", page.Find(".cover-of").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".reference-check-ok")), TimeSpan.FromSeconds(10));
        Assert.Contains("WAV · 10.0 s", page.Find(".reference-check-summary").TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"{PublicBaseUrl}references/", page.Find(".reference-input input").GetAttribute("value"), StringComparison.Ordinal);
        Assert.Empty(Buttons(page, "Make a cover"));

        page.WaitForAssertion(() => Assert.False(GenerateButton(page).HasAttribute("disabled")));
        await GenerateButton(page).ClickAsync(new());

        Assert.Empty(page.FindAll(".submit-error").Select(e => e.TextContent.Trim()));
        var body = Assert.Single(_upstream.Bodies);
        Assert.Equal(ModelCatalog.Cover, body["model"]!.GetValue<string>());
        // Our own hosted copy goes inline: the cover model needs no public address for it.
        Assert.StartsWith("data:audio/wav;base64,", body["reference_audio_url"]!.GetValue<string>(), StringComparison.Ordinal);
        var cover = await LatestAsync();
        Assert.Equal((song.Id, SongOrigin.CoverOf), (cover.ParentId, cover.Origin));
    }

    [Fact]
    public async Task MakeACover_FromAUsableReference_SwitchesToTheCoverModelKeepingTheReference()
    {
        _publicBaseUrl = PublicBaseUrl;
        var page = Open();
        var wav = AudioFixtures.SineWav(TimeSpan.FromSeconds(20));
        var upload = await Services.GetRequiredService<ReferenceUploads>().SaveAsync(new MemoryStream(wav), "piano.wav", wav.Length, Token);
        Assert.True(upload.Succeeded, upload.Problem);
        page.Find(".reference-input input").Input(upload.Check!.Url);
        page.WaitForAssertion(() => Assert.Single(Buttons(page, "Make a cover")), TimeSpan.FromSeconds(10));

        await Buttons(page, "Make a cover").Single().ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            Assert.Equal(ModelCatalog.Cover, ModelSelect(page).Instance.GetState(x => x.Value));
            Assert.NotNull(page.Find(".reference-check-ok"));
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(upload.Check.Url, page.Find(".reference-input input").GetAttribute("value"));
        Assert.Contains("6 s to 6 min", page.Find(".reference-input").TextContent, StringComparison.Ordinal);
        Assert.Empty(Buttons(page, "Make a cover"));
    }

    private IRenderedComponent<CreatePage> Open(string url = "/")
    {
        Popovers = Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<CreatePage>();
    }

    private async Task ChooseModelAsync(IRenderedComponent<CreatePage> page, string id)
    {
        await page.InvokeAsync(ModelSelect(page).Instance.OpenMenu);
        Popovers.WaitForAssertion(() => Assert.NotEmpty(Popovers.FindAll($"[data-model='{id}']")));
        Popovers.FindAll(".mud-list-item").Single(i => i.QuerySelector($"[data-model='{id}']") is not null).Click();
        page.WaitForAssertion(() => Assert.Equal(id, ModelSelect(page).Instance.GetState(x => x.Value)));
    }

    private static IRenderedComponent<MudSelect<string>> ModelSelect(IRenderedComponent<CreatePage> page) =>
        page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Model");

    private static IEnumerable<IRenderedComponent<MudSelect<string>>> AudioSelects(IRenderedComponent<CreatePage> page) =>
        page.FindComponents<MudSelect<string>>().Where(s => s.Instance.Label is "Output format" or "Sample rate" or "Bitrate");

    /// <summary>The labels of the page's fields and switches, in order: what a screen reader names them.</summary>
    private static string[] Labels(IRenderedComponent<CreatePage> page) =>
    [
        .. page.FindAll("label:not(.mud-button-root)").Select(l => l.TextContent.Trim()).Where(t => t.Length > 0),
    ];

    private static List<IElement> Buttons(IRenderedComponent<CreatePage> page, string text) =>
        [.. page.FindAll("button").Where(b => b.TextContent.Trim() == text)];

    private static IElement GenerateButton(IRenderedComponent<CreatePage> page) => Buttons(page, "Generate").Single();

    private static string Lyrics(IRenderedComponent<CreatePage> page)
    {
        var area = page.Find(".lyrics-input textarea");
        return area.GetAttribute("value") ?? area.TextContent;
    }

    /// <summary>A finished song made with <paramref name="request"/>; with <paramref name="audio"/>, archived as that WAV.</summary>
    private async Task<Generation> AddSongAsync(SongRequest request, byte[]? audio = null)
    {
        var now = DateTime.UtcNow;
        var song = Generation.Create(Guid.NewGuid(), request, ownerId: null, idempotencyKey: null, now, now.AddMinutes(1));
        song.Accept("NDxdQ2xZY1L6PYQNkJgbA", now, now.AddSeconds(15));
        song.Complete(new AudioLink("https://cdn.example.com/song.mp3", "audio/mpeg"), creditsUsed: 10, now.AddMinutes(1));
        if (audio is not null)
        {
            var folder = Path.Combine(DataDirectory, "audio");
            Directory.CreateDirectory(folder);
            var fileName = $"{song.Id:N}.wav";
            await File.WriteAllBytesAsync(Path.Combine(folder, fileName), audio, Token);
            song.RecordArchived(new ArchivedAudio(fileName, audio.Length, new string('0', 64), "audio/wav", DurationSeconds: null, null), now.AddMinutes(1));
        }

        await using var db = await Database.CreateDbContextAsync(Token);
        db.Generations.Add(song);
        await db.SaveChangesAsync(Token);
        return song;
    }

    private async Task<Generation> LatestAsync()
    {
        await using var db = await Database.CreateDbContextAsync(Token);
        return await db.Generations.AsNoTracking().OrderByDescending(g => g.CreatedAtUtc).ThenByDescending(g => g.Id).FirstAsync(Token);
    }

    /// <summary>The vendor, answering every submit with a new id and keeping each body it was sent.</summary>
    private sealed class RecordingUpstream : IAimlApi
    {
        public List<JsonObject> Bodies { get; } = [];

        public Task<IApiResponse<SubmitGenerationResponse>> SubmitAsync(
            JsonObject request, string clientRequestId, CancellationToken cancellationToken = default)
        {
            Bodies.Add(request);
            // The caller disposes the answer, and with it the message.
#pragma warning disable CA2000
            var message = new HttpResponseMessage(HttpStatusCode.Created);
#pragma warning restore CA2000
            IApiResponse<SubmitGenerationResponse> answer = new ApiResponse<SubmitGenerationResponse>(
                message, new SubmitGenerationResponse($"gen-{Bodies.Count}", "queued"), new RefitSettings());
            return Task.FromResult(answer);
        }

        public Task<GenerationResponse> PollAsync(string generationId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page must not poll.");

        public Task<BillingResponse> GetBillingAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page must not read billing.");

        public Task<LogsResponse> ListLogsAsync(
            string? period = null, DateTimeOffset? start = null, DateTimeOffset? end = null, IEnumerable<string>? models = null,
            IEnumerable<string>? statuses = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page must not read the request log.");
    }
}
