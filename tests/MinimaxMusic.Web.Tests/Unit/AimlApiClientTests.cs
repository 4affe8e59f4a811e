using System.Net;
using System.Text.Json;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Upstream;
using Refit;

namespace MinimaxMusic.Web.Tests.Unit;

public sealed class AimlApiClientTests
{
    private const string CompletedPoll = """
        {"id": "906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music", "status": "completed",
         "audio_file": {"url": "https://cdn.aimlapi.com/squirrel/files/koala/Oa2XHFE1hEsUn1qbcAL2s_output.mp3",
                        "content_type": "audio/mpeg", "file_name": "output.mp3", "file_size": 1014804},
         "error": null, "meta": {"usage": {"credits_used": 120000}}}
        """;

    [Fact]
    public async Task Submit_SerializesTheBodyExactlyAsTheVendorDocumentsIt()
    {
        var transport = new RecordingHandler().Answer(HttpStatusCode.Created,
            """{"id":"906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music","status":"queued"}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.SubmitAsync(new SubmitGenerationRequest("minimax-music", "##\nLa la\n##", "https://x.test/ref.mp3"),
            TestContext.Current.CancellationToken);

        var request = Assert.Single(transport.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.aimlapi.com/v2/generate/audio", request.Uri.ToString());
        Assert.Equal("Bearer sk-test-123", request.Authorization);
        Assert.Equal("""{"model":"minimax-music","prompt":"##\nLa la\n##","reference_audio_url":"https://x.test/ref.mp3"}""",
            request.Body);
        Assert.Equal("906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music", answer.Id);
        Assert.Equal("queued", answer.Status);
    }

    [Fact]
    public async Task Poll_EncodesTheOpaqueIdAndReadsAudioFileErrorAndCredits()
    {
        var transport = new RecordingHandler().Answer(HttpStatusCode.OK, CompletedPoll);
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.PollAsync("906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music", TestContext.Current.CancellationToken);

        var request = Assert.Single(transport.Requests);
        Assert.Equal("/v2/generate/audio?generation_id=906aec79-b0af-40c4-adae-15e6c4410e29%3Aminimax-music",
            request.Uri.PathAndQuery);
        Assert.Equal("completed", answer.Status);
        // If snake_case were not applied, audio_file would silently deserialize to null.
        Assert.NotNull(answer.AudioFile);
        Assert.Equal("https://cdn.aimlapi.com/squirrel/files/koala/Oa2XHFE1hEsUn1qbcAL2s_output.mp3", answer.AudioFile.Url);
        Assert.Equal("audio/mpeg", answer.AudioFile.ContentType);
        Assert.Equal("output.mp3", answer.AudioFile.FileName);
        Assert.Equal(1014804, answer.AudioFile.FileSize);
        Assert.Null(answer.Error);
        Assert.Equal(120000, answer.Meta?.Usage?.CreditsUsed);
    }

    [Fact]
    public async Task Poll_ReadsTheErrorObjectOfAFailedGeneration()
    {
        var transport = new RecordingHandler().Answer(HttpStatusCode.OK,
            """{"id":"a:minimax-music","status":"error","audio_file":null,"error":{"name":"GenerationFailed","message":"Reference audio too short"},"meta":null}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.PollAsync("a:minimax-music", TestContext.Current.CancellationToken);

        Assert.Equal("error", answer.Status);
        Assert.Null(answer.AudioFile);
        Assert.Equal(new UpstreamError("GenerationFailed", "Reference audio too short"), answer.Error);
    }

    [Fact]
    public async Task Billing_ReadsBalanceAndCurrency()
    {
        var transport = new RecordingHandler().Answer(HttpStatusCode.OK, """{"current_balance": 123.45, "currency": "USD"}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var billing = await client.GetBillingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new BillingResponse(123.45m, "USD"), billing);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(504)]
    public async Task Submit_AfterAnAnswerThatMayHaveCreatedAGeneration_IsNotRetried(int status)
    {
        var transport = new RecordingHandler().Answer((HttpStatusCode)status, VendorError(status));
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            client.SubmitAsync(new("minimax-music", "la", "https://x.test/r.mp3"), TestContext.Current.CancellationToken));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Single(transport.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Submit_AfterAnAnswerThatCreatedNothing_IsRetried(int status)
    {
        var transport = new RecordingHandler()
            .Answer((HttpStatusCode)status, VendorError(status))
            .Answer(HttpStatusCode.Created, """{"id":"b:minimax-music","status":"queued"}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.SubmitAsync(new("minimax-music", "la", "https://x.test/r.mp3"), TestContext.Current.CancellationToken);

        Assert.Equal("b:minimax-music", answer.Id);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Submit_WhenTheConnectionFailedBeforeSending_IsRetried()
    {
        var transport = new RecordingHandler()
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .Answer(HttpStatusCode.Created, """{"id":"c:minimax-music","status":"queued"}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.SubmitAsync(new("minimax-music", "la", "https://x.test/r.mp3"), TestContext.Current.CancellationToken);

        Assert.Equal("c:minimax-music", answer.Id);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Submit_WhenTheResponseWasLostAfterSending_IsNotRetried()
    {
        var transport = new RecordingHandler()
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely"));
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.SubmitAsync(new("minimax-music", "la", "https://x.test/r.mp3"), TestContext.Current.CancellationToken));

        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Poll_AfterA500_IsRetriedBecauseReadingIsSafe()
    {
        var transport = new RecordingHandler()
            .Answer(HttpStatusCode.InternalServerError, VendorError(500))
            .Answer(HttpStatusCode.OK, CompletedPoll);
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.PollAsync("x:minimax-music", TestContext.Current.CancellationToken);

        Assert.Equal("completed", answer.Status);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public void UpstreamFailure_ReadsTheVendorMessageWhenStatusCodeIsAString()
    {
        var body = """{"message":"Body validation error! prompt is too long","path":"/v2/generate/audio","requestId":"798b860e","statusCode":"400","timestamp":"2025-03-11T07:13:27.813Z"}""";
        var parsed = JsonSerializer.Deserialize<UpstreamErrorBody>(body);

        Assert.Equal(400, parsed?.StatusCode);
        Assert.Equal("Body validation error! prompt is too long", parsed?.Message);
    }

    private static string VendorError(int status) =>
        $$"""{"message":"status {{status}}","path":"/v2/generate/audio","requestId":"r","statusCode":{{status}},"timestamp":"2025-03-11T07:13:27.813Z"}""";
}
