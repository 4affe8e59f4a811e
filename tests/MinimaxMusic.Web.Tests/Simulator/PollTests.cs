using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>GET /v2/generate/audio?generation_id=…: the status walk and the shape of each answer.</summary>
[Trait("Category", "Integration")]
public sealed class PollTests
{
    [Fact]
    public async Task Poll_AsTimePasses_WalksQueuedThenGeneratingThenCompleted()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();

        Assert.Equal("queued", await StatusAsync(sim, id));

        sim.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("queued", await StatusAsync(sim, id));

        sim.Time.Advance(TimeSpan.FromSeconds(1)); // 20 % of the generation time
        Assert.Equal("generating", await StatusAsync(sim, id));

        sim.Time.Advance(TimeSpan.FromSeconds(7.9)); // just short of the generation time
        Assert.Equal("generating", await StatusAsync(sim, id));

        sim.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("completed", await StatusAsync(sim, id));

        sim.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("completed", await StatusAsync(sim, id));
    }

    [Theory]
    [InlineData(0, "queued")]
    [InlineData(3, "generating")]
    public async Task Poll_WhileNotCompleted_HasAudioFileErrorAndMetaPresentAndNull(int secondsAfterSubmit, string status)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        sim.Time.Advance(TimeSpan.FromSeconds(secondsAfterSubmit));

        using var json = await sim.PollJsonAsync(id);

        var root = json.RootElement;
        Assert.Equal(["audio_file", "error", "id", "meta", "status"], SimulatorHarness.PropertyNames(root));
        Assert.Equal(id, root.GetProperty("id").GetString());
        Assert.Equal(status, root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("audio_file").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("meta").ValueKind);
    }

    [Fact]
    public async Task Poll_WhenCompleted_DescribesTheWavFileAndTheCreditsUsed()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.CreditsUsedPerSong = 98_765);
        var id = await sim.SubmitAcceptedAsync();
        sim.Time.Advance(SimulatorHarness.GenerationTime);

        using var json = await sim.PollJsonAsync(id);

        var root = json.RootElement;
        Assert.Equal(["audio_file", "error", "id", "meta", "status"], SimulatorHarness.PropertyNames(root));
        Assert.Equal(id, root.GetProperty("id").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);

        var audio = root.GetProperty("audio_file");
        Assert.Equal(["content_type", "file_name", "file_size", "url"], SimulatorHarness.PropertyNames(audio));
        Assert.Equal("audio/wav", audio.GetProperty("content_type").GetString());
        Assert.Equal("output.wav", audio.GetProperty("file_name").GetString());
        Assert.Equal(JsonValueKind.Number, audio.GetProperty("file_size").ValueKind);
        Assert.Equal(LyricsSynthesizer.FileSize(SimulatorHarness.Lyrics), audio.GetProperty("file_size").GetInt64());

        var url = new Uri(audio.GetProperty("url").GetString()!, UriKind.Absolute);
        Assert.Equal(Uri.UriSchemeHttp, url.Scheme);
        Assert.Equal(sim.Server.BaseAddress.Authority, url.Authority);
        Assert.Matches("^/cdn/files/[A-Za-z0-9_-]{21}_output\\.wav$", url.AbsolutePath);

        var credits = root.GetProperty("meta").GetProperty("usage").GetProperty("credits_used");
        Assert.Equal(JsonValueKind.Number, credits.ValueKind);
        Assert.Equal(98_765, credits.GetDouble());
    }

    [Fact]
    public async Task Poll_TwoGenerations_GivesEachItsOwnAudioUrl()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var first = await sim.SubmitAcceptedAsync();
        var second = await sim.SubmitAcceptedAsync();

        var firstUrl = await sim.CompleteAndGetAudioUrlAsync(first);
        using var secondJson = await sim.PollJsonAsync(second);

        Assert.NotEqual(firstUrl.ToString(), secondJson.RootElement.GetProperty("audio_file").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Poll_ForAnUnknownId_Answers404WithTheErrorBody()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.SubmitAcceptedAsync();

        using var response = await sim.PollAsync($"{Guid.NewGuid()}:minimax-music");

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.NotFound, SimulatorEndpoints.SubmitPath);
    }

    [Fact]
    public async Task Poll_WithOnlyTheGuidPartOfAnId_Answers404()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();

        using var response = await sim.PollAsync(id[..id.IndexOf(':', StringComparison.Ordinal)]);

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.NotFound, SimulatorEndpoints.SubmitPath);
    }

    [Fact]
    public async Task Poll_WithoutAGenerationId_Answers400WithTheErrorBody()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.GetAsync("v2/generate/audio");

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.BadRequest, SimulatorEndpoints.SubmitPath, "Body validation error!");
    }

    [Fact]
    public async Task Poll_IsCountedEveryTime()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();

        (await sim.PollAsync(id)).Dispose();
        (await sim.PollAsync($"{Guid.NewGuid()}:minimax-music")).Dispose();

        Assert.Equal(2, sim.State.PollRequests);
    }

    private static async Task<string?> StatusAsync(SimulatorHarness sim, string id)
    {
        using var json = await sim.PollJsonAsync(id);
        return json.RootElement.GetProperty("status").GetString();
    }
}
