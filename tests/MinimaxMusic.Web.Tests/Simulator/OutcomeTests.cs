using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>ArmNextGenerationOutcome: an error status, a generation that never ends, an audio link that expires.</summary>
[Trait("Category", "Integration")]
public sealed class OutcomeTests
{
    [Fact]
    public async Task Poll_OfAGenerationArmedToFail_EndsInErrorWithNameAndMessageAndNoAudio()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmNextGenerationOutcome(GenerationOutcome.Error("ContentPolicyViolation", "The lyrics were refused."));
        var id = await sim.SubmitAcceptedAsync();

        sim.Time.Advance(TimeSpan.FromSeconds(5));
        using (var running = await sim.PollJsonAsync(id))
        {
            Assert.Equal("generating", running.RootElement.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, running.RootElement.GetProperty("error").ValueKind);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(5));
        using var json = await sim.PollJsonAsync(id);

        var root = json.RootElement;
        Assert.Equal(["audio_file", "error", "id", "meta", "status"], SimulatorHarness.PropertyNames(root));
        Assert.Equal(id, root.GetProperty("id").GetString());
        Assert.Equal("error", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("audio_file").ValueKind);
        var error = root.GetProperty("error");
        Assert.Equal(["message", "name"], SimulatorHarness.PropertyNames(error));
        Assert.Equal("ContentPolicyViolation", error.GetProperty("name").GetString());
        Assert.Equal("The lyrics were refused.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ArmedOutcome_AppliesOnlyToTheNextGeneration()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmNextGenerationOutcome(GenerationOutcome.Error("Boom", "It broke."));
        var failing = await sim.SubmitAcceptedAsync();
        var healthy = await sim.SubmitAcceptedAsync();

        sim.Time.Advance(SimulatorHarness.GenerationTime);

        using var failed = await sim.PollJsonAsync(failing);
        using var completed = await sim.PollJsonAsync(healthy);
        Assert.Equal("error", failed.RootElement.GetProperty("status").GetString());
        Assert.Equal("completed", completed.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Poll_OfAGenerationArmedNeverToComplete_StaysGeneratingLongAfterTheGenerationTime()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmNextGenerationOutcome(GenerationOutcome.NeverComplete);
        var id = await sim.SubmitAcceptedAsync();

        sim.Time.Advance(TimeSpan.FromHours(2));
        using var json = await sim.PollJsonAsync(id);

        Assert.Equal("generating", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("audio_file").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task AudioUrl_OfAGenerationArmedWithAnExpiringLink_WorksAndThenAnswers403AfterTheLifetime()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.State.ArmNextGenerationOutcome(GenerationOutcome.ExpiringAudio(TimeSpan.FromMinutes(5)));
        var id = await sim.SubmitAcceptedAsync();
        var url = await sim.CompleteAndGetAudioUrlAsync(id);

        using (var fresh = await sim.GetAsync(url.ToString(), authorization: null))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        sim.Time.Advance(TimeSpan.FromMinutes(4));
        using (var stillFresh = await sim.GetAsync(url.ToString(), authorization: null))
        {
            Assert.Equal(HttpStatusCode.OK, stillFresh.StatusCode);
        }

        sim.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var expired = await sim.GetAsync(url.ToString(), authorization: null);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.NotEqual("audio/wav", expired.Content.Headers.ContentType?.MediaType);

        // The poll answer still names the (now dead) link: the app must have archived the audio in time.
        using var poll = await sim.PollJsonAsync(id);
        Assert.Equal("completed", poll.RootElement.GetProperty("status").GetString());
        Assert.Equal(url.ToString(), poll.RootElement.GetProperty("audio_file").GetProperty("url").GetString());
    }

    [Fact]
    public async Task AudioUrl_WithTheOptionsLinkLifetime_ExpiresForEveryGeneration()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.AudioLinkLifetime = TimeSpan.FromSeconds(30));
        var id = await sim.SubmitAcceptedAsync();
        var url = await sim.CompleteAndGetAudioUrlAsync(id);

        using (var fresh = await sim.GetAsync(url.ToString(), authorization: null))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(31));
        using var expired = await sim.GetAsync(url.ToString(), authorization: null);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task AudioUrl_WithoutAnyLifetime_KeepsWorking()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        var url = await sim.CompleteAndGetAudioUrlAsync(id);

        sim.Time.Advance(TimeSpan.FromDays(30));
        using var response = await sim.GetAsync(url.ToString(), authorization: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
