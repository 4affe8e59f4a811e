using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>GET /v2/logs (contract/models/logs-v2.json, usage-logs.md): one row per submit request, newest first.</summary>
[Trait("Category", "Integration")]
public sealed class LogsTests
{
    private const string LogsPath = "/v2/logs";

    [Fact]
    public async Task Logs_AfterAnAcceptedSubmit_ListOneSucceededRowWithItsCostAndItsIds()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var submit = await sim.SubmitAsync(clientRequestId: "0197d3c1-a2b3-4c5d-8e9f-0a1b2c3d4e5f");
        using var answer = await SimulatorHarness.ReadJsonAsync(submit);
        var id = answer.RootElement.GetProperty("id").GetString()!;
        using (await sim.PollAsync(id))
        using (await sim.GetAsync("v2/billing"))
        {
        }

        using var json = await sim.LogsJsonAsync("period=24h");

        var root = json.RootElement;
        Assert.Equal(["data", "pagination"], SimulatorHarness.PropertyNames(root));
        var row = Assert.Single(root.GetProperty("data").EnumerateArray());
        Assert.Equal(
            ["client_request_id", "cost", "created", "inference_id", "model", "origin", "request_id", "status", "tokens"],
            SimulatorHarness.PropertyNames(row));
        Assert.Equal("2025-03-11T07:13:27.813Z", row.GetProperty("created").GetString());
        Assert.Equal("succeeded", row.GetProperty("status").GetString());
        Assert.Equal("api", row.GetProperty("origin").GetString());
        Assert.Equal("minimax-music", row.GetProperty("model").GetString());
        Assert.Equal(["credits", "usd"], SimulatorHarness.PropertyNames(row.GetProperty("cost")));
        Assert.Equal(0.06m, row.GetProperty("cost").GetProperty("usd").GetDecimal());
        Assert.Equal(JsonValueKind.Number, row.GetProperty("cost").GetProperty("credits").ValueKind);
        Assert.Equal(120_000, row.GetProperty("cost").GetProperty("credits").GetInt64());
        Assert.Equal(["input", "output", "total"], SimulatorHarness.PropertyNames(row.GetProperty("tokens")));
        Assert.All(row.GetProperty("tokens").EnumerateObject(), token => Assert.Equal(0, token.Value.GetInt32()));
        Assert.False(string.IsNullOrEmpty(row.GetProperty("request_id").GetString()));
        Assert.Equal(id, row.GetProperty("inference_id").GetString());
        Assert.Equal("0197d3c1-a2b3-4c5d-8e9f-0a1b2c3d4e5f", row.GetProperty("client_request_id").GetString());

        var pagination = root.GetProperty("pagination");
        Assert.Equal(["has_more", "limit", "offset", "total"], SimulatorHarness.PropertyNames(pagination));
        Assert.Equal(50, pagination.GetProperty("limit").GetInt32());
        Assert.Equal(0, pagination.GetProperty("offset").GetInt32());
        Assert.Equal(1, pagination.GetProperty("total").GetInt32());
        Assert.False(pagination.GetProperty("has_more").GetBoolean());
    }

    public static TheoryData<string, Action<SimulatorState>?, string, HttpStatusCode> RefusedSubmits => new()
    {
        { "invalid body", null, SimulatorHarness.SubmitBody(prompt: ""), HttpStatusCode.BadRequest },
        { "model the simulator does not serve", null, """{"model":"minimax/music-2.6","prompt":"La la la"}""", HttpStatusCode.BadRequest },
        { "out of credits", state => state.Balance = 0m, SimulatorHarness.SubmitBody(), HttpStatusCode.Forbidden },
        { "429 armed", state => state.ArmSubmitFaults(SimulatedFault.Status(429, TimeSpan.FromSeconds(1))), SimulatorHarness.SubmitBody(), HttpStatusCode.TooManyRequests },
        { "503 armed", state => state.ArmSubmitFaults(SimulatedFault.Status(503)), SimulatorHarness.SubmitBody(), HttpStatusCode.ServiceUnavailable },
        { "500 armed", state => state.ArmSubmitFaults(SimulatedFault.Status(500)), SimulatorHarness.SubmitBody(), HttpStatusCode.InternalServerError },
    };

    [Theory]
    [MemberData(nameof(RefusedSubmits))]
    public async Task Logs_ListARefusedSubmitAsFailedWithZeroCost(string because, Action<SimulatorState>? arrange, string body, HttpStatusCode refusal)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        arrange?.Invoke(sim.State);
        using var refused = await sim.PostSubmitAsync(body, clientRequestId: "song-1");
        Assert.Equal(refusal, refused.StatusCode);
        using var error = await SimulatorHarness.ReadJsonAsync(refused);

        var row = Assert.Single(await sim.LogRowsAsync());

        Assert.True(row.GetProperty("status").GetString() == "failed", because);
        Assert.Equal(0m, row.GetProperty("cost").GetProperty("usd").GetDecimal());
        Assert.Equal(0, row.GetProperty("cost").GetProperty("credits").GetInt64());
        Assert.Equal(JsonDocument.Parse(body).RootElement.GetProperty("model").GetString(), row.GetProperty("model").GetString());
        Assert.Equal("song-1", row.GetProperty("client_request_id").GetString());
        Assert.Equal(SimulatorHarness.Header(refused, Tracing.InferenceIdHeader), row.GetProperty("inference_id").GetString());
        // The error body's requestId names the same request as the row.
        Assert.Equal(error.RootElement.GetProperty("requestId").GetString(), row.GetProperty("request_id").GetString());
        Assert.Equal(0, sim.State.GenerationsCreated);
    }

    [Fact]
    public async Task Logs_ListAMalformedBodyAsFailedWithAnEmptyModel()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using (await sim.PostSubmitAsync("{not json"))
        {
        }

        var row = Assert.Single(await sim.LogRowsAsync());

        Assert.Equal("failed", row.GetProperty("status").GetString());
        Assert.Equal("", row.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("client_request_id").ValueKind);
    }

    [Fact]
    public async Task Logs_DoNotListRequestsRefusedForTheirKey()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using (await sim.SubmitAsync(authorization: null))
        {
        }

        Assert.Empty(await sim.LogRowsAsync());
    }

    [Fact]
    public async Task Logs_ListRowsNewestFirst_EvenWhenTheClockStoodStill()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using (await sim.SubmitAsync(clientRequestId: "first"))
        using (await sim.SubmitAsync(clientRequestId: "second"))
        {
        }

        sim.Time.Advance(TimeSpan.FromSeconds(1));
        using (await sim.SubmitAsync(clientRequestId: "third"))
        {
        }

        var rows = await sim.LogRowsAsync();

        Assert.Equal(["third", "second", "first"], rows.Select(r => r.GetProperty("client_request_id").GetString()));
        Assert.Equal("2025-03-11T07:13:28.813Z", rows[0].GetProperty("created").GetString());
    }

    [Theory]
    [InlineData("status=succeeded", new[] { "accepted" })]
    [InlineData("status=failed", new[] { "other-model", "refused" })]
    [InlineData("status=succeeded&status=failed", new[] { "other-model", "refused", "accepted" })]
    [InlineData("model=minimax-music", new[] { "refused", "accepted" })]
    [InlineData("model=minimax-music&status=failed", new[] { "refused" })]
    [InlineData("model=minimax%2Fmusic-2.6", new[] { "other-model" })]
    [InlineData("model=minimax-music&model=minimax%2Fmusic-2.6", new[] { "other-model", "refused", "accepted" })]
    [InlineData("model=minimax-music,minimax%2Fmusic-2.6", new string[0])]
    [InlineData("model=music", new string[0])]
    public async Task Logs_FilterByRepeatedStatusAndModelValuesMatchedExactly(string filter, string[] expected)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using (await sim.SubmitAsync(clientRequestId: "accepted"))
        using (await sim.SubmitAsync(prompt: "", clientRequestId: "refused"))
        using (await sim.PostSubmitAsync("""{"model":"minimax/music-2.6","prompt":"La"}""", clientRequestId: "other-model"))
        {
        }

        using var json = await sim.LogsJsonAsync($"period=1h&{filter}");

        Assert.Equal(expected, json.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("client_request_id").GetString()));
        Assert.Equal(expected.Length, json.RootElement.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("limit=2", 2, 0, new[] { "song-5", "song-4" }, true)]
    [InlineData("limit=2&offset=2", 2, 2, new[] { "song-3", "song-2" }, true)]
    [InlineData("limit=2&offset=4", 2, 4, new[] { "song-1" }, false)]
    [InlineData("offset=5", 50, 5, new string[0], false)]
    [InlineData("offset=99", 50, 99, new string[0], false)]
    [InlineData("limit=100", 100, 0, new[] { "song-5", "song-4", "song-3", "song-2", "song-1" }, false)]
    [InlineData("limit=1", 1, 0, new[] { "song-5" }, true)]
    public async Task Logs_PageWithLimitAndOffset(string paging, int limit, int offset, string[] expected, bool hasMore)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var song = 1; song <= 5; song++)
        {
            using (await sim.SubmitAsync(clientRequestId: $"song-{song}"))
            {
            }
        }

        using var json = await sim.LogsJsonAsync($"period=1h&{paging}");

        Assert.Equal(expected, json.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("client_request_id").GetString()));
        var pagination = json.RootElement.GetProperty("pagination");
        Assert.Equal(limit, pagination.GetProperty("limit").GetInt32());
        Assert.Equal(offset, pagination.GetProperty("offset").GetInt32());
        Assert.Equal(5, pagination.GetProperty("total").GetInt32());
        Assert.Equal(hasMore, pagination.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [InlineData("period=1h", new[] { "late" })]
    [InlineData("period=3h", new[] { "late", "early" })]
    [InlineData("period=1d", new[] { "late", "early" })]
    [InlineData("start=2025-03-11T09:00:00&end=2025-03-11T10:00:00", new[] { "late" })]
    [InlineData("start=2025-03-11T10:00:00%2B01:00&end=2025-03-11T11:00:00%2B01:00", new[] { "late" })]
    [InlineData("start=2025-03-11T07:13:27.813Z&end=2025-03-11T07:13:27.813Z", new[] { "early" })]
    [InlineData("start=2025-03-11&end=2025-03-12", new[] { "late", "early" })]
    [InlineData("start=2025-03-10T00:00:00Z&end=2025-03-11T07:13:27.812Z", new string[0])]
    public async Task Logs_ListOnlyTheRequestsInsideTheWindow_ReadingATimeWithoutAnOffsetAsUtc(string window, string[] expected)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using (await sim.SubmitAsync(clientRequestId: "early"))
        {
        }

        sim.Time.Advance(TimeSpan.FromHours(2));
        using (await sim.SubmitAsync(clientRequestId: "late"))
        {
        }

        var rows = await sim.LogRowsAsync(window);

        Assert.Equal(expected, rows.Select(r => r.GetProperty("client_request_id").GetString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("limit=10")]
    [InlineData("period=24h&start=2025-03-10T00:00:00Z&end=2025-03-11T00:00:00Z")]
    [InlineData("period=24h&start=2025-03-10T00:00:00Z")]
    [InlineData("start=2025-03-10T00:00:00Z")]
    [InlineData("end=2025-03-10T00:00:00Z")]
    [InlineData("period=")]
    [InlineData("period=0h")]
    [InlineData("period=24")]
    [InlineData("period=1w")]
    [InlineData("period=-1d")]
    [InlineData("period=1.5h")]
    [InlineData("period=24H")]
    [InlineData("period=93d")]
    [InlineData("period=2209h")]
    [InlineData("period=9999999999d")]
    [InlineData("period=1h&period=2h")]
    [InlineData("start=yesterday&end=2025-03-11T00:00:00Z")]
    [InlineData("start=2025-03-10T00:00:00Z&end=03/11/2025")]
    [InlineData("start=2025-02-30T00:00:00Z&end=2025-03-11T00:00:00Z")]
    [InlineData("start=2025-03-11T00:00:00Z&end=2025-03-10T23:59:59Z")]
    [InlineData("start=2024-12-08T00:00:00Z&end=2025-03-11T00:00:00Z")]
    [InlineData("period=1h&status=succeeded,failed")]
    [InlineData("period=1h&status=ok")]
    [InlineData("period=1h&status=")]
    [InlineData("period=1h&limit=0")]
    [InlineData("period=1h&limit=101")]
    [InlineData("period=1h&limit=ten")]
    [InlineData("period=1h&limit=")]
    [InlineData("period=1h&offset=-1")]
    [InlineData("period=1h&offset=1.0")]
    [InlineData("period=1h&limit=10&limit=20")]
    public async Task Logs_WithAQueryTheVendorRefuses_Answer400WithItsErrorBody(string query)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.LogsAsync(query);

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.BadRequest, LogsPath, "Query validation error!");
    }

    [Theory]
    [InlineData("period=92d")]
    [InlineData("period=2208h")]
    [InlineData("start=2024-12-09T00:00:00Z&end=2025-03-11T00:00:00Z")]
    [InlineData("start=2025-03-11T00:00:00Z&end=2025-03-11T00:00:00Z")]
    public async Task Logs_WithAWindowOfUpTo92Days_AreAnswered(string query)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.LogsAsync(query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic c2stdGVzdC1rZXk6")]
    [InlineData("Bearer ")]
    public async Task Logs_WithoutABearerKey_Answer401WithTheErrorBody(string? authorization)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.LogsAsync("period=1h", authorization);

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Unauthorized, LogsPath);
    }

    [Fact]
    public async Task Logs_ListOnlyTheRequestsMadeWithTheCallersKey()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using (await sim.SubmitAsync(clientRequestId: "mine"))
        using (await sim.SubmitAsync(authorization: "Bearer someone-else", clientRequestId: "theirs"))
        {
        }

        var mine = await sim.LogRowsAsync();
        using var theirs = await sim.LogsAsync("period=1h", "Bearer someone-else");
        using var theirJson = await SimulatorHarness.ReadJsonAsync(theirs);

        Assert.Equal(["mine"], mine.Select(r => r.GetProperty("client_request_id").GetString()));
        Assert.Equal(["theirs"], theirJson.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("client_request_id").GetString()));
    }

    [Fact]
    public async Task Logs_NamingTheCallersOwnKeyPrefix_ListItsRows_AndAnotherKeysPrefixIsForbidden()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.SubmitAcceptedAsync();

        var own = await sim.LogRowsAsync("period=1h&key_prefix=sk-test");
        using var other = await sim.LogsAsync("period=1h&key_prefix=abcd1234");

        Assert.Single(own);
        await sim.AssertVendorErrorAsync(other, HttpStatusCode.Forbidden, LogsPath);
    }

    [Fact]
    public async Task Logs_Over200RequestsIn60Seconds_Answer429WithRetryAfter_UntilTheWindowMovesOn()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var request = 0; request < 150; request++)
        {
            using var response = await sim.LogsAsync("period=1h");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(30));
        for (var request = 0; request < 50; request++)
        {
            using var response = await sim.LogsAsync("status=not-even-valid");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var limited = await sim.LogsAsync("period=1h"))
        {
            await sim.AssertVendorErrorAsync(limited, HttpStatusCode.TooManyRequests, LogsPath);
            Assert.Equal(TimeSpan.FromSeconds(30), limited.Headers.RetryAfter?.Delta);
        }

        // The first 150 leave the window 60 s after they were made; the later 50 still count.
        sim.Time.Advance(TimeSpan.FromSeconds(30));
        using (var admitted = await sim.LogsAsync("period=1h"))
        {
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        Assert.Equal(202, sim.State.LogRequests);
    }

    [Fact]
    public async Task Logs_RateLimitIsPerKey()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var request = 0; request < 200; request++)
        {
            using var response = await sim.LogsAsync("period=1h");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var limited = await sim.LogsAsync("period=1h");
        using var otherKey = await sim.LogsAsync("period=1h", "Bearer another-key");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }
}
