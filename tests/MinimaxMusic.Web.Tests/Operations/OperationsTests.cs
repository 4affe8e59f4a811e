using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MinimaxMusic.Web.Features.Health;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Operations;

/// <summary>What a sysadmin's monitoring sees: liveness, readiness with its reasons, and Prometheus metrics.</summary>
[Trait("Category", "Integration")]
public sealed class OperationsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_AnswersWithoutDetails_AndReadiness_NamesEveryCheck()
    {
        await using var app = new TestApp(TestApp.FastPolling());
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var live = await http.GetAsync("/healthz", Token);
        var ready = await http.GetFromJsonAsync<JsonElement>("/readyz", Token);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(Token));
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var checks = ready.GetProperty("checks");
        Assert.Equal(new[] { "database", "dataDirectory", "ffprobe", "upstream" }.Order(StringComparer.Ordinal), checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal("demo mode (no API key): songs are simulated", checks.GetProperty("upstream").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Readiness_WhenTheDataDirectoryIsGone_Answers503AndSaysWhich_WhileLivenessStaysUp()
    {
        await using var app = new TestApp(TestApp.FastPolling());
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await http.GetAsync("/readyz", Token);

        Directory.Delete(app.DataDirectory, recursive: true);
        using var ready = await http.GetAsync("/readyz", Token);
        using var live = await http.GetAsync("/healthz", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("dataDirectory").GetProperty("status").GetString());
        Assert.DoesNotContain(app.DataDirectory, body.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Metrics_WhenEnabled_ExportTheSongCountersForPrometheus()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: s => s["Metrics:Enabled"] = "true");
        var result = await env.App.CreateGenerationService().SubmitAsync("Morning light\nOn the bay", env.Reference, Token);
        await env.App.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        using var http = new HttpClient { BaseAddress = env.App.BaseAddress };

        // The exporter caches a scrape briefly; the counters are there once it refreshes.
        string text = string.Empty;
        for (var attempt = 0; attempt < 40 && !text.Contains("minimaxmusic_songs_finished_total", StringComparison.Ordinal); attempt++)
        {
            text = await http.GetStringAsync("/metrics", Token);
            await Task.Delay(100, Token);
        }

        // OpenTelemetry listens to every meter of this name in the process, and other tests run apps in parallel:
        // at least this app's one song is counted (in production there is one app per process).
        Assert.True(Counter(text, "minimaxmusic_songs_submitted_total") >= 1, text);
        Assert.True(Counter(text, "minimaxmusic_songs_finished_total", @"status=""completed""") >= 1, text);
        Assert.True(Counter(text, "minimaxmusic_upstream_calls_total", @"kind=""poll""") >= 1, text);
        Assert.DoesNotContain("test-key", text, StringComparison.Ordinal);
    }

    private static double Counter(string exposition, string name, string label = "")
    {
        var values = exposition.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return values.Count == 0 ? 0 : values.Sum();
    }

    [Fact]
    public async Task Metrics_AreOffByDefault()
    {
        await using var app = new TestApp(TestApp.FastPolling());
        // Signed in, so the answer is about /metrics itself, not about signing in.
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/metrics", Token);

        Assert.True(response.StatusCode == HttpStatusCode.NotFound,
            $"{response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync(Token)}");
    }

    [Theory]
    [InlineData(null, "8080", null, null, "http://127.0.0.1:8080/healthz")]
    [InlineData(null, "8080;8081", null, "/music/", "http://127.0.0.1:8080/music/healthz")]
    [InlineData(null, "8080", null, "/", "http://127.0.0.1:8080/healthz")]
    [InlineData(null, "8080", "http://+:5000", null, "http://127.0.0.1:5000/healthz")]
    [InlineData(null, null, "https://*:5001;http://0.0.0.0:5000", null, "http://127.0.0.1:5000/healthz")]
    [InlineData("http://10.0.0.5:9000/healthz", "8080", null, null, "http://10.0.0.5:9000/healthz")]
    [InlineData(null, null, null, null, "http://127.0.0.1:8080/healthz")]
    public void HealthProbe_FindsWhereTheAppListens(string? explicitUrl, string? ports, string? urls, string? pathBase, string expected)
    {
        Assert.Equal(new Uri(expected), HealthProbeCommand.LivenessUrl(explicitUrl, ports, urls, pathBase));
    }
}
