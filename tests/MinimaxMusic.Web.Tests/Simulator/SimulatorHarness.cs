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
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.BaseAddress };
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

    /// <summary>POSTs <paramref name="rawBody"/> as JSON; <paramref name="authorization"/> is the raw header value (null: none).</summary>
    public Task<HttpResponseMessage> PostSubmitAsync(string rawBody, string? authorization = "Bearer " + Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/generate/audio")
        {
            Content = new StringContent(rawBody, Encoding.UTF8, "application/json"),
        };
        return SendAsync(request, authorization);
    }

    public Task<HttpResponseMessage> SubmitAsync(string prompt = Lyrics, string? authorization = "Bearer " + Key)
        => PostSubmitAsync(SubmitBody(prompt), authorization);

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
