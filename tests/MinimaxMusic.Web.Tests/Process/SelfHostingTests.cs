using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Process;

/// <summary>
/// Issue 6: no Docker engine runs here, so the image is proven another way. The app is published by the script the
/// Dockerfile runs, and started with the environment the Dockerfile and the compose file set (read from those files;
/// only /data and the port are mapped to this machine): it gets ready, makes a song, restarts, and still has it.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class SelfHostingTests(PublishedAppFixture published) : IClassFixture<PublishedAppFixture>, IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("mmw-selfhost-").FullName;
    private readonly List<AppProcess> _processes = [];
    // Signed in as the team admin on first use; the cookie stays valid across restarts on the same data directory.
    private HttpClient _http = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _processes.ForEach(p => p.Dispose());
        _http?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void TheDockerfile_PublishesWithTheSharedScript_RunsAsNonRoot_AndChecksHealthWithTheAppItself()
    {
        var dockerfile = File.ReadAllText(Path.Combine(PublishedAppFixture.RepositoryRoot, "docker", "Dockerfile"));

        Assert.Matches(@"(?m)^RUN sh docker/publish\.sh /app$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0", dockerfile);
        Assert.Matches(@"(?m)^USER \$APP_UID$", dockerfile);
        Assert.Matches(@"(?m)^EXPOSE 8080$", dockerfile);
        Assert.Matches(@"(?m)^VOLUME /data$", dockerfile);
        Assert.Matches(@"install -y --no-install-recommends ffmpeg", dockerfile);
        Assert.Matches(@"CMD \[""dotnet"", ""MinimaxMusic.Web.dll"", ""healthcheck""\]", dockerfile);
    }

    [Fact]
    public async Task ThePublishedApp_WithTheComposeEnvironment_GetsReady_MakesASong_AndKeepsItAcrossARestart()
    {
        var environment = ContainerEnvironment();
        Assert.Equal("/data", environment["Storage__DataDirectory"]);
        environment["Storage__DataDirectory"] = _dataDirectory; // the volume
        Assert.False(environment.ContainsKey("AimlApi__ApiKey")); // no .env: demo mode

        var app = Start(environment);
        var ready = await WaitForReadyAsync(app);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("upstream").GetProperty("status").GetString());
        Assert.Equal(0, (await HealthCheckAsync(app, environment)).ExitCode);

        // Demo mode: the built-in simulator serves a sample reference; the app names its address when it starts.
        var reference = await DemoReferenceAsync(app);
        using var post = await _http.PostAsJsonAsync(new Uri(app.BaseAddress, "api/generations"),
            new CreateGenerationRequest("Harbour lights\nGuide us home", reference), Token);
        Assert.True(post.StatusCode == HttpStatusCode.Accepted, $"{post.StatusCode}: {await post.Content.ReadAsStringAsync(Token)}\n{app.Output}");
        var id = (await post.Content.ReadFromJsonAsync<GenerationDto>(Token))!.Id;
        await WaitForCompletedAsync(app, id);

        // docker stop / docker compose restart: SIGTERM, then the same volume.
        await app.StopAsync(Token);
        Assert.Equal(0, app.ExitCode);
        Assert.Equal(1, (await HealthCheckAsync(app, environment)).ExitCode);
        var restarted = Start(environment);
        await WaitForReadyAsync(restarted);

        var song = await _http.GetFromJsonAsync<GenerationDto>(new Uri(restarted.BaseAddress, $"api/generations/{id}"), Token);
        Assert.Equal("Completed", song!.Status);
        using var media = await _http.GetAsync(new Uri(restarted.BaseAddress, $"media/{id}"), Token);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("audio/wav", media.Content.Headers.ContentType?.MediaType);
        Assert.True(media.Content.Headers.ContentLength > 10_000);
    }

    [Fact]
    public async Task StructuredLogs_AtTheMostDetailedLevel_NeverContainTheApiKey_EvenWhenTheVendorMisbehaves()
    {
        const string Key = "sk-live-7Hq2Zr9Xw4Lm8Np3";
        await using var simulator = await SimulatorServer.StartAsync(
            new SimulatorOptions { GenerationTime = TimeSpan.FromSeconds(2), AcceptedKeys = [Key] }, cancellationToken: Token);
        simulator.State.ArmPollFaults(SimulatedFault.Status(500), SimulatedFault.MalformedJson(), SimulatedFault.Status(429, TimeSpan.FromSeconds(1)));
        var environment = ContainerEnvironment();
        environment["Storage__DataDirectory"] = _dataDirectory;
        environment["AimlApi__ApiKey"] = Key;
        environment["AimlApi__BaseUrl"] = simulator.BaseAddress.ToString();
        environment["Security__AllowPrivateNetworkUrls"] = "true";
        environment["Polling__InitialDelay"] = "00:00:01";
        environment["Polling__Interval"] = "00:00:01";
        foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http.HttpClient", "Polly" })
        {
            environment[$"Logging__LogLevel__{category}"] = "Trace";
        }
        var app = Start(environment);
        await WaitForReadyAsync(app);

        var reference = new Uri(simulator.BaseAddress, SimulatorEndpoints.SampleReferencePath.TrimStart('/')).ToString();
        using var post = await _http.PostAsJsonAsync(new Uri(app.BaseAddress, "api/generations"),
            new CreateGenerationRequest("Harbour lights\nGuide us home", reference), Token);
        var id = (await post.Content.ReadFromJsonAsync<GenerationDto>(Token))!.Id;
        await WaitForCompletedAsync(app, id);
        await app.StopAsync(Token);

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 50, $"Expected detailed logs, got {lines.Length} lines:\n{app.Output}");
        Assert.All(lines, line => Assert.StartsWith("{", line.TrimStart(), StringComparison.Ordinal)); // JSON, as the compose file asks
        // Outgoing requests are logged with their headers (values redacted by the framework).
        Assert.Contains(lines, line => line.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal) && line.Contains("/v2/generate/audio", StringComparison.Ordinal));
        Assert.DoesNotContain(Key, app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..12], app.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Polling__Interval", "abc",
        "Configuration error: Polling:Interval is not a valid duration; write it as hh:mm:ss, e.g. 00:00:10 (environment variable Polling__Interval).")]
    [InlineData("Polling__MaxConcurrency", "0",
        "Configuration error: Polling:MaxConcurrency must be between 1 and 64. (environment variable Polling__MaxConcurrency)")]
    [InlineData("App__PublicBaseUrl", "music.example.com",
        "Configuration error: App:PublicBaseUrl ('music.example.com') is not an absolute http:// or https:// URL. Set it (environment variable App__PublicBaseUrl) to the address the internet reaches this app at, such as https://music.example.com/, or leave it empty to turn uploaded references off.")]
    public async Task AWrongSetting_StopsTheAppWithOneLineNamingTheKeyAndTheFix(string key, string value, string expected)
    {
        var environment = ContainerEnvironment();
        environment["Storage__DataDirectory"] = _dataDirectory;
        environment[key] = value;

        var (exitCode, output) = await AppProcess.RunToEndAsync(published.AppDll, environment, Token);

        Assert.Equal(1, exitCode);
        Assert.Equal(expected, output.Trim());
    }

    private AppProcess Start(Dictionary<string, string> environment)
    {
        var app = AppProcess.Start(published.AppDll, environment);
        _processes.Add(app);
        _http ??= TeamAccount.CreateClient(app.BaseAddress);
        return app;
    }

    /// <summary>The ENV lines of the Dockerfile's runtime stage, then the compose file's environment list, as the container sees them.</summary>
    private static Dictionary<string, string> ContainerEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var dockerfile = File.ReadAllText(Path.Combine(PublishedAppFixture.RepositoryRoot, "docker", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var runtime = dockerfile[dockerfile.IndexOf("AS runtime", StringComparison.Ordinal)..];
        foreach (Match env in DockerfileEnv().Matches(runtime))
        {
            foreach (Match pair in KeyValue().Matches(env.Groups["pairs"].Value))
            {
                environment[pair.Groups["key"].Value] = pair.Groups["value"].Value;
            }
        }

        var compose = File.ReadAllText(Path.Combine(PublishedAppFixture.RepositoryRoot, "docker", "compose.yaml"));
        foreach (Match entry in ComposeEnvironmentEntry().Matches(compose))
        {
            // ${NAME:-default} with nothing in .env is the default.
            environment[entry.Groups["key"].Value] = ComposeDefault().Replace(entry.Groups["value"].Value, m => m.Groups["default"].Value);
        }

        environment.Remove("ASPNETCORE_HTTP_PORTS"); // the port is mapped: AppProcess listens on a free one
        return environment;
    }

    private async Task<JsonElement> WaitForReadyAsync(AppProcess app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(app.HasExited, $"The app exited before it was ready.\n{app.Output}");
            try
            {
                using var response = await _http.GetAsync(new Uri(app.BaseAddress, "readyz"), Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250, Token);
        }

        Assert.Fail($"/readyz did not answer 200 within 60 s.\n{app.Output}");
        return default;
    }

    private async Task WaitForCompletedAsync(AppProcess app, Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        GenerationDto? song = null;
        while (DateTime.UtcNow < deadline)
        {
            song = await _http.GetFromJsonAsync<GenerationDto>(new Uri(app.BaseAddress, $"api/generations/{id}"), Token);
            // Completed and its audio saved locally (that runs just after the status changes).
            if (song!.Status == "Completed" && song.ArchivedAtUtc is not null)
            {
                return;
            }

            Assert.NotEqual("Failed", song.Status);
            await Task.Delay(500, Token);
        }

        Assert.Fail($"The song is still {song?.Status} after 90 s.\n{app.Output}");
    }

    private Task<(int ExitCode, string Output)> HealthCheckAsync(AppProcess app, Dictionary<string, string> environment)
    {
        // Inside the container the probe finds the port from ASPNETCORE_HTTP_PORTS; here the app listens elsewhere.
        var probe = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = app.BaseAddress.ToString() };
        return AppProcess.RunToEndAsync(published.AppDll, probe, Token, "healthcheck");
    }

    private async Task<string> DemoReferenceAsync(AppProcess app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (DemoSimulator().Match(app.Output) is { Success: true } match)
            {
                return new Uri(new Uri(match.Value), SimulatorEndpoints.SampleReferencePath.TrimStart('/')).ToString();
            }

            await Task.Delay(100, Token);
        }

        Assert.Fail($"The app did not say where its demo simulator runs.\n{app.Output}");
        return string.Empty;
    }

    [GeneratedRegex(@"(?m)^ENV (?<pairs>.+)$")]
    private static partial Regex DockerfileEnv();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(?m)^\s+- (?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex ComposeEnvironmentEntry();

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*:-(?<default>[^}]*)\}")]
    private static partial Regex ComposeDefault();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex DemoSimulator();
}
