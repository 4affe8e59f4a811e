using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>The vendor's 400 "Body validation error!": nothing is created and nothing is charged.</summary>
[Trait("Category", "Integration")]
public sealed class SubmitValidationTests
{
    private const string Reference = SimulatorHarness.Reference;

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "wrong model", Body(model: "minimax-music-2") },
        { "model missing", """{"prompt":"La la la","reference_audio_url":"https://cdn.example.com/reference.mp3"}""" },
        { "prompt missing", """{"model":"minimax-music","reference_audio_url":"https://cdn.example.com/reference.mp3"}""" },
        { "prompt not a string", """{"model":"minimax-music","prompt":42,"reference_audio_url":"https://cdn.example.com/reference.mp3"}""" },
        { "601-character prompt", Body(prompt: new string('a', 601)) },
        { "empty prompt", Body(prompt: "") },
        { "whitespace prompt", Body(prompt: " \n\n\t  ") },
        { "reference_audio_url missing", """{"model":"minimax-music","prompt":"La la la"}""" },
        { "relative reference_audio_url", Body(reference: "/files/reference.mp3") },
        { "reference_audio_url without a scheme", Body(reference: "cdn.example.com/reference.mp3") },
        { "non-http reference_audio_url", Body(reference: "ftp://cdn.example.com/reference.mp3") },
        { "invalid JSON", """{"model":"minimax-music","prompt":"La la""" },
        { "empty body", "" },
        { "a JSON array", """["minimax-music"]""" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Submit_WithAnInvalidBody_Answers400BodyValidationErrorAndCreatesNothing(string because, string body)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var balance = sim.State.Balance;

        using var response = await sim.PostSubmitAsync(body);

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.BadRequest, SimulatorEndpoints.SubmitPath, "Body validation error!");
        Assert.True(sim.State.GenerationsCreated == 0, $"{because}: a generation was created");
        Assert.Equal(balance, sim.State.Balance);
        Assert.Equal(1, sim.State.SubmitRequests);
    }

    [Fact]
    public async Task Submit_WithAPromptOfExactly600Characters_IsAccepted()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var prompt = string.Concat(Enumerable.Repeat("La la la\n", 67))[..600];
        Assert.Equal(600, prompt.Length);

        using var response = await sim.PostSubmitAsync(Body(prompt: prompt));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([prompt], sim.State.AcceptedPrompts);
    }

    [Theory]
    [InlineData("http://cdn.example.com/reference.wav")]
    [InlineData("https://cdn.example.com/a/b/reference.mp3?sig=abc")]
    public async Task Submit_WithAnAbsoluteHttpReference_IsAccepted(string reference)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.PostSubmitAsync(Body(reference: reference));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static string Body(string model = "minimax-music", string prompt = "La la la", string reference = Reference)
        => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["model"] = model,
            ["prompt"] = prompt,
            ["reference_audio_url"] = reference,
        });
}
