using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>
/// The newer models end to end over HTTP: submit, poll to completion, download. Ids in each model's style, the price
/// in the answers, headers and log, and the audio in the format and rate that was asked for.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ModelGenerationTests
{
    private const string M15 = "minimax/music-1.5";
    private const string M20 = "minimax/music-2.0";
    private const string M26 = "minimax/music-2.6";
    private const string Cover = "minimax/music-cover";
    private const string Style = "Lo-fi pop, warm bass, a slow beat";
    private const string Url = "https://cdn.example.com/reference.mp3";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string SongLyrics = "[Verse]\nStreetlights flicker, the night breeze sighs\nShadows stretch as I walk alone\n"
        + "[Chorus]\nPushing the wooden door, the aroma spreads\nIn a familiar corner, a stranger gazes back";

    [Theory]
    [InlineData(M15, "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:minimax/music-1\\.5$")]
    [InlineData(M20, "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:minimax/music-2\\.0$")]
    [InlineData(M26, "^[A-Za-z0-9_-]{21}$")]
    [InlineData(Cover, "^[A-Za-z0-9_-]{21}$")]
    public async Task Submit_EachModel_IssuesAnIdInItsOwnStyleThatThePollFinds(string model, string idPattern)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.PostSubmitAsync(Request(model));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = await SimulatorHarness.ReadJsonAsync(response);
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.Matches(idPattern, id);
        Assert.Equal("queued", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(id, SimulatorHarness.Header(response, Tracing.InferenceIdHeader));
        Assert.True(Tracing.LooksLikeGenerationId(id));

        using var poll = await sim.PollAsync(id);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal(id, SimulatorHarness.Header(poll, Tracing.InferenceIdHeader));
        using var polled = await SimulatorHarness.ReadJsonAsync(poll);
        Assert.Equal(id, polled.RootElement.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(M15, "0.03", 60_000, false)]
    [InlineData(M20, "0.05", 100_000, false)]
    [InlineData(M26, "0.195", 390_000, true)]
    [InlineData(Cover, "0.10", 200_000, false)]
    public async Task Submit_EachModel_ChargesItsOwnPriceInTheHeadersTheLogAndTheBalance(string model, string usdText, long credits, bool usageInAnswer)
    {
        var usd = decimal.Parse(usdText, CultureInfo.InvariantCulture);
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.PostSubmitAsync(Request(model));

        Assert.Equal(credits.ToString(CultureInfo.InvariantCulture), SimulatorHarness.Header(response, Tracing.CreditsUsedHeader));
        Assert.Equal(usd.ToString("0.000000000", CultureInfo.InvariantCulture), SimulatorHarness.Header(response, Tracing.UsdSpentHeader));
        using var json = await SimulatorHarness.ReadJsonAsync(response);
        // 2.6's page shows meta.usage in the submit answer; the other pages show none.
        if (usageInAnswer)
        {
            Assert.Equal(["id", "meta", "status"], SimulatorHarness.PropertyNames(json.RootElement));
            AssertUsage(json.RootElement, credits, usd);
        }
        else
        {
            Assert.Equal(["id", "status"], SimulatorHarness.PropertyNames(json.RootElement));
        }

        var row = Assert.Single(await sim.LogRowsAsync());
        Assert.Equal(model, row.GetProperty("model").GetString());
        Assert.Equal("succeeded", row.GetProperty("status").GetString());
        Assert.Equal(usd, row.GetProperty("cost").GetProperty("usd").GetDecimal());
        Assert.Equal(credits, row.GetProperty("cost").GetProperty("credits").GetInt64());
        Assert.Equal(1000m - usd, sim.State.Balance);
    }

    [Fact]
    public async Task Prices_AreSetPerModel_AndCostPerSongStaysTheLegacyPrice()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.StartingBalance = 0.8m;
            o.CostPerSong = 0.5m;
            o.CostPerSongMusic26 = 0.2m;
        });

        await sim.SubmitAcceptedAsync();
        using var response = await sim.PostSubmitAsync(Request(M26));

        Assert.Equal("400000", SimulatorHarness.Header(response, Tracing.CreditsUsedHeader));
        Assert.Equal(0.1m, sim.State.Balance);
        using var refused = await sim.PostSubmitAsync(Request(M26));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0.1m, sim.State.Balance);
        Assert.Equal([0m, 0.2m, 0.5m], (await sim.LogRowsAsync()).Select(r => r.GetProperty("cost").GetProperty("usd").GetDecimal()).Order().ToArray());
    }

    [Fact]
    public async Task Poll_ANewModel_WalksQueuedGeneratingCompleted_WithTheUsageInEveryAnswer()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedBodyAsync(Request(M26));

        using (var queued = await sim.PollJsonAsync(id))
        {
            Assert.Equal(["id", "meta", "status"], SimulatorHarness.PropertyNames(queued.RootElement));
            Assert.Equal("queued", queued.RootElement.GetProperty("status").GetString());
            AssertUsage(queued.RootElement, 390_000, 0.195m);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(3));
        using (var generating = await sim.PollJsonAsync(id))
        {
            Assert.Equal("generating", generating.RootElement.GetProperty("status").GetString());
            AssertUsage(generating.RootElement, 390_000, 0.195m);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(7));
        using var completed = await sim.PollJsonAsync(id);
        var root = completed.RootElement;
        Assert.Equal(["audio_file", "id", "meta", "status"], SimulatorHarness.PropertyNames(root));
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(["url"], SimulatorHarness.PropertyNames(root.GetProperty("audio_file")));
        AssertUsage(root, 390_000, 0.195m);
    }

    [Theory]
    [InlineData(M15)]
    [InlineData(M20)]
    public async Task Poll_Completed15Or20_AddsExtraInfoWithTheFilesDurationAndATraceId(string model)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedBodyAsync(Request(model, "wav", 24000));
        sim.Time.Advance(SimulatorHarness.GenerationTime);

        using var json = await sim.PollJsonAsync(id);

        var root = json.RootElement;
        Assert.Equal(["audio_file", "extra_info", "id", "meta", "status", "trace_id"], SimulatorHarness.PropertyNames(root));
        Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("trace_id").GetString());
        var extra = root.GetProperty("extra_info");
        Assert.Equal(["bitrate", "music_channel", "music_duration", "music_sample_rate", "music_size"], SimulatorHarness.PropertyNames(extra));
        Assert.Equal(24000, extra.GetProperty("music_sample_rate").GetInt32());
        Assert.Equal(256000, extra.GetProperty("bitrate").GetInt32());
        Assert.Equal(1, extra.GetProperty("music_channel").GetInt32());

        using var download = await sim.GetAsync(root.GetProperty("audio_file").GetProperty("url").GetString()!, authorization: null);
        var wav = await download.Content.ReadAsByteArrayAsync(Token);
        var seconds = (wav.Length - LyricsSynthesizer.HeaderSize) / 2.0 / 24000;
        Assert.Equal(seconds * 1000, extra.GetProperty("music_duration").GetInt64(), 1.0);
    }

    [Theory]
    [InlineData(M15, 16000)]
    [InlineData(M20, 24000)]
    [InlineData(M26, 32000)]
    [InlineData(Cover, 44100)]
    [InlineData(Cover, 16000)]
    public async Task Download_AsWav_IsAWavAtTheRequestedRate(string model, int rate)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (response, wav, url) = await sim.GenerateAndDownloadAsync(Request(model, "wav", rate));

        using (response)
        {
            Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.EndsWith(".wav", url.AbsolutePath, StringComparison.Ordinal);
        Wav.AssertHeader(wav, rate);
        var seconds = (wav.Length - LyricsSynthesizer.HeaderSize) / 2.0 / rate;
        Assert.InRange(seconds, SimulatedSong.MinimumSeconds, 240);
        Assert.True(Wav.Samples(wav).Max(s => Math.Abs((int)s)) > short.MaxValue / 2, "the song is silent");
    }

    [Theory]
    [InlineData(M15, 16000)]
    [InlineData(M20, 44100)]
    [InlineData(M26, 24000)]
    [InlineData(Cover, 32000)]
    public async Task Download_AsPcm_IsTheSameSamplesAsTheWavWithoutAHeader(string model, int rate)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (pcmResponse, pcm, pcmUrl) = await sim.GenerateAndDownloadAsync(Request(model, "pcm", rate));
        var (wavResponse, wav, _) = await sim.GenerateAndDownloadAsync(Request(model, "wav", rate));

        using (pcmResponse)
        using (wavResponse)
        {
            Assert.Equal(SignedCdn.PcmContentType, pcmResponse.Content.Headers.ContentType?.MediaType);
        }

        Assert.EndsWith(".pcm", pcmUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(0, pcm.Length % 2);
        Assert.Equal(wav[LyricsSynthesizer.HeaderSize..], pcm);
    }

    [Fact]
    public async Task Download_AsPcm_IsRateTimesDurationTimesTwoBytes()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedBodyAsync(Request(M15, "pcm", 16000));
        sim.Time.Advance(SimulatorHarness.GenerationTime);
        using var json = await sim.PollJsonAsync(id);
        var milliseconds = json.RootElement.GetProperty("extra_info").GetProperty("music_duration").GetInt64();

        using var response = await sim.GetAsync(json.RootElement.GetProperty("audio_file").GetProperty("url").GetString()!, authorization: null);
        var pcm = await response.Content.ReadAsByteArrayAsync(Token);

        Assert.Equal(16000 * milliseconds / 1000.0 * 2, pcm.Length, 32.0);
        Assert.Equal(pcm.Length, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData(M26, null, 44100)]
    [InlineData(Cover, 24000, 24000)]
    [InlineData(M15, 16000, 16000)]
    public async Task Download_AsMp3_IsRealMp3AtTheRequestedRate_WhenFfmpegIsInstalled(string model, int? rate, int expectedRate)
    {
        Assert.SkipUnless(FfmpegOnPath(), "mp3 output needs ffmpeg on PATH (apt-get install -y ffmpeg); without it the simulator serves WAV");
        await using var sim = await SimulatorHarness.StartAsync();
        // No audio_setting at all is the schema's default: mp3 at 44100 Hz.
        var body = rate is { } chosen ? Request(model, "mp3", chosen) : Request(model);

        var (response, mp3, url) = await sim.GenerateAndDownloadAsync(body);

        using (response)
        {
            Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.EndsWith(".mp3", url.AbsolutePath, StringComparison.Ordinal);
        Assert.True(mp3[0] == 0xFF && (mp3[1] & 0xE0) == 0xE0, $"no MP3 frame sync at the start: {Convert.ToHexString(mp3[..4])}");
        Assert.Equal(expectedRate, Mp3SampleRate(mp3));
        Assert.InRange(AudioHeaders.Duration(mp3)!.Value.TotalSeconds, SimulatedSong.MinimumSeconds - 0.1, 240);
    }

    [Fact]
    public async Task Download_AsMp3WithoutFfmpeg_IsAWavAsTheLegacyModelsSongsAre()
    {
        var empty = Directory.CreateTempSubdirectory("no-ffmpeg-");
        try
        {
            await using var sim = await SimulatorHarness.StartAsync(o => o.FfmpegFolder = empty.FullName);

            var (response, wav, url) = await sim.GenerateAndDownloadAsync(Request(M26));

            using (response)
            {
                Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
            }

            Assert.EndsWith(".wav", url.AbsolutePath, StringComparison.Ordinal);
            Wav.AssertHeader(wav, 44100);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Duration_GrowsWithTheLyrics_UpToAboutFourMinutes()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var seconds = new List<double>();
        foreach (var length in (int[])[10, 300, 1500, 3000])
        {
            var body = SimulatorHarness.ModelBody(M20, ("prompt", Style), ("lyrics", ModelValidationTests.Text(length)), Pcm(16000));
            var (response, pcm, _) = await sim.GenerateAndDownloadAsync(body);
            response.Dispose();
            seconds.Add(pcm.Length / 2.0 / 16000);
        }

        Assert.Equal(seconds.Order(), seconds);
        Assert.Equal(seconds.Count, seconds.Distinct().Count());
        Assert.InRange(seconds[0], SimulatedSong.MinimumSeconds, SimulatedSong.MinimumSeconds + 1);
        Assert.InRange(seconds[^1], 200, 240);
    }

    [Fact]
    public async Task Instrumental_HasAFixedLength_WhateverThePrompt()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        foreach (var prompt in (string[])[Style, ModelValidationTests.Text(2000)])
        {
            var body = SimulatorHarness.ModelBody(M26, ("prompt", prompt), ("is_instrumental", true), Pcm(16000));
            var (response, pcm, _) = await sim.GenerateAndDownloadAsync(body);
            response.Dispose();
            Assert.Equal((int)SimulatedSong.InstrumentalSeconds * 16000 * 2, pcm.Length);
        }
    }

    [Fact]
    public async Task LyricsOptimizer_WritesTheLyricsFromThePrompt_SoALongerPromptSingsLonger()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (shortResponse, shortSong, _) = await sim.GenerateAndDownloadAsync(
            SimulatorHarness.ModelBody(M26, ("prompt", Style), ("lyrics_optimizer", true), Pcm(16000)));
        var (longResponse, longSong, _) = await sim.GenerateAndDownloadAsync(
            SimulatorHarness.ModelBody(M26, ("prompt", Style + ", strings rising in the chorus, a choir at the end"), ("lyrics_optimizer", true), Pcm(16000)));
        shortResponse.Dispose();
        longResponse.Dispose();

        Assert.True(longSong.Length > shortSong.Length, $"{longSong.Length} <= {shortSong.Length}");
    }

    [Fact]
    public async Task Cover_OfAReferenceWhoseLengthIsKnown_IsAsLongAsTheReference()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var reference = "data:audio/wav;base64," + Convert.ToBase64String(Wav.Silence(30));

        var (response, pcm, _) = await sim.GenerateAndDownloadAsync(
            SimulatorHarness.ModelBody(Cover, ("prompt", Style), ("reference_audio_url", reference), ("audio_setting", new { sample_rate = 16000, format = "pcm" })));
        response.Dispose();

        Assert.Equal(30 * 16000 * 2, pcm.Length);
    }

    [Fact]
    public async Task Cover_GivenTheOtherModelsRateField_IgnoresItAndAnswersAtTheDefaultRate()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (response, wav, _) = await sim.GenerateAndDownloadAsync(SimulatorHarness.ModelBody(
            Cover, ("prompt", Style), ("reference_audio_url", Url), ("audio_setting", new { audio_sample_rate = 16000, format = "wav" })));
        response.Dispose();

        Wav.AssertHeader(wav, 44100);
    }

    [Fact]
    public async Task TimeScale_ShrinksTheFileLikeTheGenerationTime()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.TimeScale = 0.1);

        var (response, pcm, _) = await sim.GenerateAndDownloadAsync(
            SimulatorHarness.ModelBody(M26, ("prompt", Style), ("is_instrumental", true), Pcm(16000)));
        response.Dispose();

        Assert.Equal(12 * 16000 * 2, pcm.Length);
    }

    [Fact]
    public async Task AudioUrl_IsSignedAndWorksForADay_ThenAnswers403AsTheStorageDoes()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedBodyAsync(Request(M26, "wav", 16000));
        var url = await sim.CompleteAndGetAudioUrlAsync(id);

        var match = SignedUrl().Match(url.OriginalString);
        Assert.True(match.Success, url.OriginalString);
        Assert.Equal("20250311071337", match.Groups["stamp"].Value);
        var completedAt = SimulatorHarness.Start + SimulatorHarness.GenerationTime;
        Assert.Equal((completedAt + TimeSpan.FromHours(24)).ToUnixTimeSeconds(), long.Parse(match.Groups["expires"].Value, CultureInfo.InvariantCulture));

        sim.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        using (var stillValid = await sim.GetAsync(url.OriginalString, authorization: null))
        {
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(2));
        using var expired = await sim.GetAsync(url.OriginalString, authorization: null);
        await AssertStorageErrorAsync(expired, HttpStatusCode.Forbidden, "AccessDenied", "Request has expired.");
    }

    [Fact]
    public async Task AudioUrl_FollowsAudioLinkLifetimeAndExpiringOutcomes()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.AudioLinkLifetime = TimeSpan.FromHours(1));
        var hourly = await sim.SubmitAcceptedBodyAsync(Request(M15, "wav", 16000));
        sim.State.ArmNextGenerationOutcome(GenerationOutcome.ExpiringAudio(TimeSpan.FromMinutes(5)));
        var brief = await sim.SubmitAcceptedBodyAsync(Request(M15, "wav", 16000));
        var completedAt = (SimulatorHarness.Start + SimulatorHarness.GenerationTime).ToUnixTimeSeconds();

        var hourlyUrl = await sim.CompleteAndGetAudioUrlAsync(hourly);
        using var briefJson = await sim.PollJsonAsync(brief);
        var briefUrl = briefJson.RootElement.GetProperty("audio_file").GetProperty("url").GetString()!;

        Assert.Equal(completedAt + 3600, Expires(hourlyUrl.OriginalString));
        Assert.Equal(completedAt + 300, Expires(briefUrl));
        sim.Time.Advance(TimeSpan.FromMinutes(6));
        using var expired = await sim.GetAsync(briefUrl, authorization: null);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        using var valid = await sim.GetAsync(hourlyUrl.OriginalString, authorization: null);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task AudioUrl_WhenTamperedWith_Answers403()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedBodyAsync(Request(M26, "wav", 16000));
        var url = (await sim.CompleteAndGetAudioUrlAsync(id)).OriginalString;
        var expires = Expires(url).ToString(CultureInfo.InvariantCulture);
        var key = SignedUrl().Match(url).Groups["key"].Value;

        using var longer = await sim.GetAsync(url.Replace($"Expires={expires}", $"Expires={Expires(url) + 86400}", StringComparison.Ordinal), authorization: null);
        await AssertStorageErrorAsync(longer, HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The request signature");
        using var otherFile = await sim.GetAsync(url.Replace(key, (key[0] == 'A' ? "B" : "A") + key[1..], StringComparison.Ordinal), authorization: null);
        await AssertStorageErrorAsync(otherFile, HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The request signature");
        using var unsigned = await sim.GetAsync(url[..url.IndexOf('?', StringComparison.Ordinal)], authorization: null);
        await AssertStorageErrorAsync(unsigned, HttpStatusCode.Forbidden, "AccessDenied", "You have no right");
        // The legacy CDN does not serve a newer model's song under its own name scheme.
        using var legacyPath = await sim.GetAsync($"cdn/files/{key}_output.wav", authorization: null);
        Assert.Equal(HttpStatusCode.NotFound, legacyPath.StatusCode);
    }

    [Fact]
    public async Task AudioUrl_BeforeTheSongIsCompleted_Answers404NoSuchKey()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedBodyAsync(Request(Cover, "wav", 16000));
        var url = await sim.CompleteAndGetAudioUrlAsync(id);

        sim.Time.AdjustTime(SimulatorHarness.Start + TimeSpan.FromSeconds(5));
        using var early = await sim.GetAsync(url.OriginalString, authorization: null);

        await AssertStorageErrorAsync(early, HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.");
    }

    [Fact]
    public async Task AudioUrl_WithARangeHeader_Answers206()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, full, url) = await sim.GenerateAndDownloadAsync(Request(M20, "wav", 16000));
        response.Dispose();

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await sim.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 0-99/{full.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(full[..100], await partial.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Poll_OfANewModelThatFailed_AnswersTheErrorWithoutAudioOrUsage()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmNextGenerationOutcome(GenerationOutcome.Error("ContentPolicyViolation", "The lyrics were refused."));
        var id = await sim.SubmitAcceptedBodyAsync(Request(M26));
        sim.Time.Advance(SimulatorHarness.GenerationTime);

        using var json = await sim.PollJsonAsync(id);

        Assert.Equal(["error", "id", "status"], SimulatorHarness.PropertyNames(json.RootElement));
        Assert.Equal("error", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("ContentPolicyViolation", json.RootElement.GetProperty("error").GetProperty("name").GetString());
    }

    [Fact]
    public async Task State_KeepsEachAcceptedBodyByModel_AndTheStatsCountThem()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var m15 = Request(M15, "pcm", 16000);
        var m26 = Request(M26);
        var first = await sim.SubmitAcceptedBodyAsync(m15);
        var second = await sim.SubmitAcceptedBodyAsync(m26);
        await sim.SubmitAcceptedAsync();

        Assert.Equal(m15, Assert.Single(sim.State.AcceptedBodies(M15)));
        Assert.Equal(m26, Assert.Single(sim.State.AcceptedBodies(M26)));
        Assert.Equal([first, second], sim.State.AcceptedSubmits.Take(2).Select(s => s.Id).ToArray());
        Assert.Equal(SimulatorHarness.SubmitBody(), sim.State.AcceptedSubmits[2].Body);

        using var stats = await sim.GetAsync("__simulator/stats");
        using var json = await SimulatorHarness.ReadJsonAsync(stats);
        var byModel = json.RootElement.GetProperty("generationsByModel");
        Assert.Equal(1, byModel.GetProperty(M15).GetInt32());
        Assert.Equal(1, byModel.GetProperty("minimax-music").GetInt32());
    }

    [Fact]
    public async Task Logs_FilteredByANewModel_ListOnlyItsRequests()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.SubmitAcceptedAsync();
        var id = await sim.SubmitAcceptedBodyAsync(Request(M26));

        var rows = await sim.LogRowsAsync($"period=1h&model={Uri.EscapeDataString(M26)}");

        Assert.Equal(id, Assert.Single(rows).GetProperty("inference_id").GetString());
    }

    /// <summary>A request the model accepts, with its songs in <paramref name="format"/> at <paramref name="rate"/> when given.</summary>
    private static string Request(string model, string? format = null, int? rate = null)
    {
        var fields = new List<(string, object?)> { ("prompt", Style) };
        fields.Add(model == Cover ? ("reference_audio_url", Url) : ("lyrics", SongLyrics));
        if (format is not null)
        {
            var rateField = model == Cover ? "sample_rate" : "audio_sample_rate";
            fields.Add(("audio_setting", new Dictionary<string, object?> { [rateField] = rate, ["format"] = format }));
        }

        return SimulatorHarness.ModelBody(model, [.. fields]);
    }

    private static (string, object?) Pcm(int rate) => ("audio_setting", new { audio_sample_rate = rate, format = "pcm" });

    private static void AssertUsage(JsonElement answer, long credits, decimal usd)
    {
        var usage = answer.GetProperty("meta").GetProperty("usage");
        Assert.Equal(["credits_used", "usd_spent"], SimulatorHarness.PropertyNames(usage));
        Assert.Equal(credits, usage.GetProperty("credits_used").GetInt64());
        Assert.Equal(usd, usage.GetProperty("usd_spent").GetDecimal());
    }

    private static async Task AssertStorageErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string messageStart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(code, xml.Root!.Element("Code")!.Value);
        Assert.StartsWith(messageStart, xml.Root.Element("Message")!.Value, StringComparison.Ordinal);
    }

    private static long Expires(string url) => long.Parse(SignedUrl().Match(url).Groups["expires"].Value, CultureInfo.InvariantCulture);

    /// <summary>The sample rate in an MPEG audio frame header.</summary>
    private static int Mp3SampleRate(byte[] mp3)
    {
        var version = (mp3[1] >> 3) & 3;
        var index = (mp3[2] >> 2) & 3;
        int[] rates = version switch { 3 => [44100, 48000, 32000], 2 => [22050, 24000, 16000], _ => [11025, 12000, 8000] };
        return rates[index];
    }

    private static bool FfmpegOnPath() => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(folder => File.Exists(Path.Combine(folder, "ffmpeg")));

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/moose/music%2Fprod%2Ftts-(?<stamp>\d{14})-(?<key>[A-Za-z]{16})\.(?:mp3|wav|pcm)\?Expires=(?<expires>\d+)&OSSAccessKeyId=[A-Za-z0-9]+&Signature=[A-Za-z0-9%]{28,}$")]
    private static partial Regex SignedUrl();
}
