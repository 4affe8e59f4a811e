using System.Net;
using System.Text.Json;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Upstream;
using Refit;

namespace MinimaxMusic.Web.Tests.Upstream;

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
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.Created,
            """{"id":"906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music","status":"queued"}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.SubmitAsync(LegacyBody("##\nLa la\n##", "https://x.test/ref.mp3"),
            "0197d3c1-a2b3-7c5d-8e9f-0a1b2c3d4e5f", TestContext.Current.CancellationToken).ToOutcomeAsync();

        var request = Assert.Single(transport.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.aimlapi.com/v2/generate/audio", request.Uri.ToString());
        Assert.Equal("Bearer sk-test-123", request.Authorization);
        Assert.Equal(["0197d3c1-a2b3-7c5d-8e9f-0a1b2c3d4e5f"], request.Headers["X-Client-Request-Id"]);
        Assert.Equal("""{"model":"minimax-music","prompt":"##\nLa la\n##","reference_audio_url":"https://x.test/ref.mp3"}""",
            request.Body);
        Assert.Equal("906aec79-b0af-40c4-adae-15e6c4410e29:minimax-music", answer.Id);
        Assert.Equal("queued", answer.Status);
    }

    [Fact]
    public async Task Submit_ReadsTheInferenceIdAndTheCostFromTheAnswersHeaders()
    {
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.Created, """{"id":"a:minimax-music","status":"queued"}""", response =>
        {
            response.Headers.Add("x-inference-id", "a:minimax-music");
            response.Headers.Add("x-client-request-id", "song");
            response.Headers.Add("x-aimlapi-credits-used", "2480");
            response.Headers.Add("x-aimlapi-usd-spent", "0.001240000");
        });
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.SubmitAsync(LegacyBody("la", "https://x.test/r.mp3"), "song", TestContext.Current.CancellationToken)
            .ToOutcomeAsync();

        Assert.Equal(new SubmitOutcome("a:minimax-music", "queued", "a:minimax-music", 2480, 0.00124m), answer);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("2480.5", "$0.01")]
    [InlineData("-1", "0,00124")]
    public async Task Submit_WithoutReadableTracingHeaders_StillAnswersWithTheirValuesLeftNull(string? credits, string? usd)
    {
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.Created, """{"id":"b:minimax-music","status":"queued"}""", response =>
        {
            if (credits is not null)
            {
                response.Headers.TryAddWithoutValidation("x-aimlapi-credits-used", credits);
                response.Headers.TryAddWithoutValidation("x-aimlapi-usd-spent", usd);
            }
        });
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.SubmitAsync(LegacyBody("la", "https://x.test/r.mp3"), "song", TestContext.Current.CancellationToken)
            .ToOutcomeAsync();

        Assert.Equal(new SubmitOutcome("b:minimax-music", "queued", null, null, null), answer);
    }

    [Fact]
    public async Task Submit_AnsweredWithMalformedJson_FailsExactlyLikeAPollDoes()
    {
        using var transport = new RecordingHandler();
        transport
            .Answer(HttpStatusCode.Created, "{\"id\": \"")
            .Answer(HttpStatusCode.OK, "{\"id\": \"");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var submit = await Record.ExceptionAsync(() =>
            client.SubmitAsync(LegacyBody("la", "https://x.test/r.mp3"), "song", TestContext.Current.CancellationToken).ToOutcomeAsync());
        var poll = await Record.ExceptionAsync(() => client.PollAsync("a:minimax-music", TestContext.Current.CancellationToken));

        Assert.NotNull(submit);
        Assert.NotNull(poll);
        // Refit reports an unreadable body as an ApiException carrying the status and the JsonException, for both.
        Assert.Equal(poll.GetType(), submit.GetType());
        Assert.IsAssignableFrom<JsonException>(submit.InnerException);
        Assert.Equal(UpstreamFailure.From(poll).Name, UpstreamFailure.From(submit).Name);
        Assert.Equal(UpstreamFailure.From(poll).IsTransient, UpstreamFailure.From(submit).IsTransient);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Submit_Refused_ThrowsAnApiExceptionWithTheVendorsMessage()
    {
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.Forbidden,
            """{"message":"Your balance is insufficient","path":"/v2/generate/audio","requestId":"r","statusCode":403,"timestamp":"2025-03-11T07:13:27.813Z"}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            client.SubmitAsync(LegacyBody("la", "https://x.test/r.mp3"), "song", TestContext.Current.CancellationToken).ToOutcomeAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("OutOfCredits", UpstreamFailure.From(error).Name);
    }

    [Fact]
    public async Task ListLogs_SendsTheWindowAsIsoAndEachModelAndStatusAsARepeatedParameter()
    {
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.OK, """{"data":[],"pagination":{"limit":100,"offset":0,"total":0,"has_more":false}}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        await client.ListLogsAsync(
            start: new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero),
            end: new DateTimeOffset(2026, 7, 28, 12, 30, 0, TimeSpan.FromHours(2)),
            models: ["minimax-music", "minimax/music-2.6"],
            statuses: [LogEntry.SucceededStatus, LogEntry.FailedStatus],
            limit: 100,
            offset: 200,
            cancellationToken: TestContext.Current.CancellationToken);

        var request = Assert.Single(transport.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/v2/logs", request.Uri.AbsolutePath);
        Assert.Equal("Bearer sk-test-123", request.Authorization);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Uri.Query);
        Assert.Equal(["start", "end", "model", "status", "limit", "offset"], query.Keys);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(query["start"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 7, 28, 10, 30, 0, TimeSpan.Zero), DateTimeOffset.Parse(query["end"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["minimax-music", "minimax/music-2.6"], query["model"].ToArray());
        Assert.Equal(["succeeded", "failed"], query["status"].ToArray());
        Assert.Equal("100", query["limit"]);
        Assert.Equal("200", query["offset"]);
    }

    [Fact]
    public async Task ListLogs_WithOnlyAPeriod_SendsNothingElse()
    {
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.OK, """{"data":[],"pagination":{"limit":50,"offset":0,"total":0,"has_more":false}}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        await client.ListLogsAsync(period: "24h", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("?period=24h", Assert.Single(transport.Requests).Uri.Query);
    }

    [Fact]
    public async Task ListLogs_ReadsTheVendorsExampleRow()
    {
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.OK, """
            {"data":[{"created":"2026-07-02T03:04:05.000Z","status":"succeeded","origin":"api","model":"openai/gpt-5",
                      "cost":{"usd":0.25,"credits":500000},"tokens":{"input":10,"output":20,"total":30},
                      "request_id":"req-1","inference_id":"inf-1","client_request_id":"customer-42"}],
             "pagination":{"limit":50,"offset":0,"total":1,"has_more":false}}
            """);
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var page = await client.ListLogsAsync(period: "7d", cancellationToken: TestContext.Current.CancellationToken);

        var entry = Assert.Single(page.Data);
        Assert.Equal(new LogEntry(new DateTimeOffset(2026, 7, 2, 3, 4, 5, TimeSpan.Zero), "succeeded", "api", "openai/gpt-5",
            new LogCost(0.25m, 500000), new LogTokens(10, 20, 30), "req-1", "inf-1", "customer-42"), entry);
        Assert.True(entry.Succeeded);
        Assert.Equal(new LogsPagination(50, 0, 1, false), page.Pagination);
    }

    [Fact]
    public async Task Poll_EncodesTheOpaqueIdAndReadsAudioFileErrorAndCredits()
    {
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.OK, CompletedPoll);
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
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.OK,
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
        using var transport = new RecordingHandler();
        transport.Answer(HttpStatusCode.OK, """{"current_balance": 123.45, "currency": "USD"}""");
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
        using var transport = new RecordingHandler();
        transport.Answer((HttpStatusCode)status, VendorError(status));
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            client.SubmitAsync(LegacyBody("la", "https://x.test/r.mp3"), "song", TestContext.Current.CancellationToken).ToOutcomeAsync());

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Single(transport.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Submit_AfterAnAnswerThatCreatedNothing_IsRetried(int status)
    {
        using var transport = new RecordingHandler();
        transport
            .Answer((HttpStatusCode)status, VendorError(status))
            .Answer(HttpStatusCode.Created, """{"id":"b:minimax-music","status":"queued"}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.SubmitAsync(LegacyBody("la", "https://x.test/r.mp3"), "song", TestContext.Current.CancellationToken).ToOutcomeAsync();

        Assert.Equal("b:minimax-music", answer.Id);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Submit_WhenTheConnectionFailedBeforeSending_IsRetried()
    {
        using var transport = new RecordingHandler();
        transport
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .Answer(HttpStatusCode.Created, """{"id":"c:minimax-music","status":"queued"}""");
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        var answer = await client.SubmitAsync(LegacyBody("la", "https://x.test/r.mp3"), "song", TestContext.Current.CancellationToken).ToOutcomeAsync();

        Assert.Equal("c:minimax-music", answer.Id);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Submit_WhenTheResponseWasLostAfterSending_IsNotRetried()
    {
        using var transport = new RecordingHandler();
        transport
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely"));
        var (client, services) = UpstreamClientHarness.Create(transport);
        await using var _ = services;

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.SubmitAsync(LegacyBody("la", "https://x.test/r.mp3"), "song", TestContext.Current.CancellationToken).ToOutcomeAsync());

        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Poll_AfterA500_IsRetriedBecauseReadingIsSafe()
    {
        using var transport = new RecordingHandler();
        transport
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

    private static System.Text.Json.Nodes.JsonObject LegacyBody(string lyrics, string reference) =>
        ModelRules.Body(ModelCatalog.Find(ModelCatalog.Legacy)!, new SongRequest(ModelCatalog.Legacy, Lyrics: lyrics, ReferenceUrl: reference));
}
