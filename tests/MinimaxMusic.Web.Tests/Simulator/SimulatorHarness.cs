using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>
/// A real simulator on a loopback port, driven by a <see cref="FakeTimeProvider"/> and spoken to with a plain
/// <see cref="HttpClient"/>. Answers are read as raw JSON so the tests pin the wire contract, not the app's DTOs.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public const string Key = "sk-test-key";
    public const string Reference = "https://cdn.example.com/reference.mp3";
    public const string Lyrics = "Sing a song of summer days\nWalking down the dusty road";
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The moment of the vendor's sample error body, so timestamps are recognisable.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 11, 7, 13, 27, 813, TimeSpan.Zero);

    public static readonly TimeSpan GenerationTime = TimeSpan.FromSeconds(10);

    private SimulatorHarness(FakeTimeProvider time, SimulatorServer server)
    {
        Time = time;
        Server = server;
#pragma warning disable CA2000 // The handler is owned by Http (disposeHandler: true), which DisposeAsync disposes.
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.BaseAddress };
#pragma warning restore CA2000
    }

    public FakeTimeProvider Time { get; }

    public SimulatorServer Server { get; }

    public SimulatorState State => Server.State;

    public HttpClient Http { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<SimulatorHarness> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { GenerationTime = GenerationTime };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(Start);
        var server = await SimulatorServer.StartAsync(options, "http://127.0.0.1:0", time, Token);
        return new SimulatorHarness(time, server);
    }

    public static string SubmitBody(string prompt = Lyrics, string reference = Reference)
        => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["model"] = "minimax-music",
            ["prompt"] = prompt,
            ["reference_audio_url"] = reference,
        });

    /// <summary>A newer model's body: <c>model</c> first, then <paramref name="fields"/> in order (null values are sent as null).</summary>
    public static string ModelBody(string model, params (string Name, object? Value)[] fields)
    {
        var body = new Dictionary<string, object?> { ["model"] = model };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return JsonSerializer.Serialize(body);
    }

    /// <summary>POSTs <paramref name="rawBody"/>, requires 201 and returns the id.</summary>
    public async Task<string> SubmitAcceptedBodyAsync(string rawBody)
    {
        using var response = await PostSubmitAsync(rawBody);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"refused ({(int)response.StatusCode}): {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Submits <paramref name="rawBody"/>, walks the clock to completion and downloads the audio (no API key: a CDN link).</summary>
    public async Task<(HttpResponseMessage Response, byte[] Bytes, Uri Url)> GenerateAndDownloadAsync(string rawBody)
    {
        var id = await SubmitAcceptedBodyAsync(rawBody);
        var url = await CompleteAndGetAudioUrlAsync(id);
        // AbsoluteUri, not ToString(): the newer models' links hold an escaped slash (music%2Fprod%2F…) that must stay so.
        var response = await GetAsync(url.AbsoluteUri, authorization: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsByteArrayAsync(Token), url);
    }

    /// <summary>
    /// POSTs <paramref name="rawBody"/> as JSON; <paramref name="authorization"/> and <paramref name="clientRequestId"/>
    /// are raw header values (null: none).
    /// </summary>
    public Task<HttpResponseMessage> PostSubmitAsync(string rawBody, string? authorization = "Bearer " + Key, string? clientRequestId = null)
        => SendAsync(SubmitRequest(rawBody, clientRequestId), authorization);

    public Task<HttpResponseMessage> SubmitAsync(string prompt = Lyrics, string? authorization = "Bearer " + Key, string? clientRequestId = null)
        => PostSubmitAsync(SubmitBody(prompt), authorization, clientRequestId);

    /// <summary>Submits like a client that times out once the simulator has the request, and waits until it gave up.</summary>
    public async Task SubmitThenGiveUpAsync(string? clientRequestId = null)
    {
        var before = State.SubmitRequests;
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
        using var request = SubmitRequest(SubmitBody(), clientRequestId);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
        var sending = Http.SendAsync(request, giveUp.Token);
        await WaitUntilAsync(() => State.SubmitRequests > before);
        // Let the simulator read the (small) body before the connection goes away.
        await Task.Delay(100, Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    /// <summary>Waits (in real time, for at most 5 s) for something the simulator does on its own schedule.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 200 && !condition(); attempt++)
        {
            await Task.Delay(25, Token);
        }

        Assert.True(condition(), "The simulator did not get there within 5 s.");
    }

    private static HttpRequestMessage SubmitRequest(string rawBody, string? clientRequestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/generate/audio")
        {
            Content = new StringContent(rawBody, Encoding.UTF8, "application/json"),
        };
        if (clientRequestId is not null)
        {
            request.Headers.TryAddWithoutValidation(Tracing.ClientRequestIdHeader, clientRequestId);
        }

        return request;
    }

    /// <summary>Submits and returns the accepted id, failing the test if the simulator refused.</summary>
    public async Task<string> SubmitAcceptedAsync(string prompt = Lyrics)
    {
        using var response = await SubmitAsync(prompt);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Polls with the id URL-encoded, as the contract requires (it contains a colon).</summary>
    public Task<HttpResponseMessage> PollAsync(string id, string? authorization = "Bearer " + Key)
        => GetAsync($"v2/generate/audio?generation_id={Uri.EscapeDataString(id)}", authorization);

    public async Task<JsonDocument> PollJsonAsync(string id)
    {
        using var response = await PollAsync(id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>Walks the clock to completion and returns the audio URL the completed poll answer names.</summary>
    public async Task<Uri> CompleteAndGetAudioUrlAsync(string id)
    {
        Time.Advance(GenerationTime);
        using var json = await PollJsonAsync(id);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        return new Uri(json.RootElement.GetProperty("audio_file").GetProperty("url").GetString()!);
    }

    public Task<HttpResponseMessage> GetAsync(string relativeOrAbsolute, string? authorization = "Bearer " + Key)
        => SendAsync(new HttpRequestMessage(HttpMethod.Get, relativeOrAbsolute), authorization);

    /// <summary>GET /v2/logs with <paramref name="query"/> as written (so a test controls repeats and encoding).</summary>
    public Task<HttpResponseMessage> LogsAsync(string query, string? authorization = "Bearer " + Key)
        => GetAsync($"v2/logs?{query}", authorization);

    public async Task<JsonDocument> LogsJsonAsync(string query = "period=1h")
    {
        using var response = await LogsAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>The rows of one page of the log, newest first.</summary>
    public async Task<JsonElement[]> LogRowsAsync(string query = "period=1h")
    {
        using var json = await LogsJsonAsync(query);
        return json.RootElement.GetProperty("data").EnumerateArray().Select(r => r.Clone()).ToArray();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? authorization = null)
    {
        using (request)
        {
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            return await Http.SendAsync(request, Token);
        }
    }

    /// <summary>The single value of response header <paramref name="name"/>, or null when it is absent.</summary>
    public static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? Assert.Single(values) : null;

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));

    public static string[] PropertyNames(JsonElement element)
        => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The vendor's error body: exactly message, path, requestId, statusCode (a number here), timestamp.</summary>
    public async Task AssertVendorErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string path, string? messageStartsWith = null)
    {
        Assert.Equal(expected, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        var body = json.RootElement;
        Assert.Equal(["message", "path", "requestId", "statusCode", "timestamp"], PropertyNames(body));

        Assert.Equal(JsonValueKind.String, body.GetProperty("message").ValueKind);
        var message = body.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        if (messageStartsWith is not null)
        {
            Assert.StartsWith(messageStartsWith, message, StringComparison.Ordinal);
        }

        Assert.Equal(path, body.GetProperty("path").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("requestId").GetString(), out _), "requestId is not a GUID");
        Assert.Equal(JsonValueKind.Number, body.GetProperty("statusCode").ValueKind);
        Assert.Equal((int)expected, body.GetProperty("statusCode").GetInt32());
        Assert.Equal(Time.GetUtcNow().ToString(TimestampFormat, CultureInfo.InvariantCulture), body.GetProperty("timestamp").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
