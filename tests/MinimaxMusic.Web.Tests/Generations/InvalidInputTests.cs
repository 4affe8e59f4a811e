using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.References;
using MinimaxMusic.Web.Tests.Security;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>
/// Invalid input never costs a credit: for every kind of bad lyrics or reference track, the real service
/// refuses with a reason and the simulated vendor sees no submit at all.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InvalidInputTests
{
    private const string GoodLyrics = "Morning light on the harbour\nGulls above the bay";

    public static TheoryData<string, string, string> InvalidLyrics => new()
    {
        { "empty", "", "" },
        { "whitespace only", "   \n\t  ", "" },
        { "601 characters", new string('a', 601), "601" },
        { "a lone opening ##", "##Morning light\nGulls above the bay", "##" },
        { "## in the middle", "Morning ## light\nGulls above the bay", "##" },
        { "a control character", "Morning \u0007light", "U+0007" },
        { "zero-width and bidi characters only", "\u200B\u2066\n\u2069\uFEFF", "nothing to sing" },
        { "a soft hyphen and a word joiner inside ##", "##\n\u00AD\n\u2060\n##", "nothing to sing" },
    };

    [Theory]
    [InlineData("\u200B\u200D\uFEFF")]
    [InlineData("\u202E\u202A\n\n\u2066 \u2069")]
    [InlineData("##\u2060\u00AD##")]
    public async Task TheApi_RefusesLyricsThatShowNothing_With400_AndSubmitsNothing(string lyrics)
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();

        using var response = await client.PostAsJsonAsync(
            "/api/generations", new { lyrics, referenceAudioUrl = env.Reference }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var error = Assert.Single(problem.GetProperty("errors").GetProperty("input").EnumerateArray()).GetString();
        Assert.StartsWith("There is nothing to sing: the lyrics hold only invisible characters", error, StringComparison.Ordinal);
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
        Assert.Equal(0, await env.App.SongCountAsync());
    }

    [Theory]
    [MemberData(nameof(InvalidLyrics))]
    public async Task Submit_WithInvalidLyrics_MakesNoUpstreamCall(string kind, string lyrics, string mentioned)
    {
        await using var env = await SimulatedUpstream.StartAsync();

        var result = await env.App.CreateGenerationService().SubmitAsync(lyrics, env.Reference, TestContext.Current.CancellationToken);

        Assert.False(result.Accepted, kind);
        Assert.Contains(result.Errors, e => e.Contains(mentioned, StringComparison.Ordinal));
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    public static TheoryData<string, string> InvalidReferences => new()
    {
        { "/clip-20s.wav", "absolute" },
        { "ftp://files.example.com/clip.mp3", "absolute" },
        { "http://user:secret@{host}/clip-20s.wav", "user name or password" },
        { "http://{host}/clip.ogg", ".mp3 or .wav" },
        { "http://{host}/clip-8s.wav", "8.0 s long" },
        { "http://{host}/page.mp3", "HTML page" },
        { "http://{host}/missing.mp3", "404" },
    };

    [Theory]
    [MemberData(nameof(InvalidReferences))]
    public async Task Submit_WithAnUnusableReference_MakesNoUpstreamCall(string url, string reason)
    {
        await using var tracks = await StartTrackServerAsync();
        await using var env = await SimulatedUpstream.StartAsync();

        var result = await env.App.CreateGenerationService().SubmitAsync(
            GoodLyrics, url.Replace("{host}", tracks.BaseAddress.Authority, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task Submit_WithAReferenceOnAPrivateAddress_IsRefusedWithoutFetchingIt()
    {
        await using var tracks = await StartTrackServerAsync();
        await using var env = await SimulatedUpstream.StartAsync(configureApp: settings => settings["Security:AllowPrivateNetworkUrls"] = "false");

        var result = await env.App.CreateGenerationService().SubmitAsync(
            GoodLyrics, tracks.Url("clip-20s.wav").ToString(), TestContext.Current.CancellationToken);

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e.Contains("private networks", StringComparison.Ordinal));
        Assert.Equal(0, tracks.RequestCount);
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task Submit_WithAGoodReferenceOnAnotherServer_IsAccepted()
    {
        // The control case: the same server's good track goes through, so the refusals above are about the input.
        await using var tracks = await StartTrackServerAsync();
        await using var env = await SimulatedUpstream.StartAsync();

        var result = await env.App.CreateGenerationService().SubmitAsync(
            GoodLyrics, tracks.Url("clip-20s.wav").ToString(), TestContext.Current.CancellationToken);

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        Assert.Equal(1, env.Simulator.State.SubmitRequests);
    }

    private static Task<LocalServer> StartTrackServerAsync() => LocalServer.StartAsync(app =>
    {
        var twenty = AudioFixtures.SineWav(TimeSpan.FromSeconds(20));
        var eight = AudioFixtures.SineWav(TimeSpan.FromSeconds(8));
        app.MapGet("/clip-20s.wav", () => Results.File(twenty, "audio/wav"));
        app.MapGet("/clip-8s.wav", () => Results.File(eight, "audio/wav"));
        app.MapGet("/page.mp3", () => Results.Content("<!doctype html><html><body>Not found</body></html>", "text/html"));
    });
}
