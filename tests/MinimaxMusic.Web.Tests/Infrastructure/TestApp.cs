using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a real port on loopback) with a real SQLite file in a temp folder.
/// Settings are plain configuration keys, exactly as an operator would set them.
/// </summary>
internal sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public TestApp(IReadOnlyDictionary<string, string?> settings, string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("minimaxmusic-test-").FullName;
        _settings = settings;
        UseKestrel(0);
        StartServer();
    }

    public string DataDirectory { get; }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>Fast polling so a simulated song completes in about a second.</summary>
    public static Dictionary<string, string?> FastPolling() => new()
    {
        ["Polling:InitialDelay"] = "00:00:00.200",
        ["Polling:Interval"] = "00:00:00.200",
        ["Polling:MaxInterval"] = "00:00:01",
        ["AimlApi:RetryBaseDelay"] = "00:00:00.050",
        ["Simulator:GenerationTime"] = "00:00:01.500",
        // Test servers live on loopback; a test that checks the private-network rule turns this off.
        ["Security:AllowPrivateNetworkUrls"] = "true",
    };

    /// <summary>An HttpClient signed in as the team admin (through the real /setup or /login form).</summary>
    public new HttpClient CreateClient() => TeamAccount.CreateClient(BaseAddress);

    /// <summary>Like <see cref="CreateClient()"/>, but redirects are returned instead of followed.</summary>
    public HttpClient CreateClientWithoutRedirects() => TeamAccount.CreateClient(BaseAddress, allowAutoRedirect: false);

    /// <summary>The songs service acting as the team admin (services refuse nobody), as the admin's page would.</summary>
    public GenerationService CreateGenerationService() => Services.AsAdmin<GenerationService>();

    /// <summary>How many songs the history holds (every status).</summary>
    public async Task<int> SongCountAsync()
    {
        await using var scope = Services.ActAs();
        return (await scope.ServiceProvider.GetRequiredService<MinimaxMusic.Web.Features.History.HistoryService>().QueryAsync(new())).Total;
    }

    public async Task<Generation> WaitForAsync(Guid id, Func<Generation, bool> condition, TimeSpan? timeout = null)
    {
        var notifier = Services.GetRequiredService<GenerationNotifier>();
        using var changed = new SemaphoreSlim(0);
        using var subscription = notifier.Subscribe(change =>
        {
            if (change.Id == id)
            {
                changed.Release();
            }

            return Task.CompletedTask;
        });

        var service = CreateGenerationService();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var current = await service.GetAsync(id);
            if (current is not null && condition(current))
            {
                return current;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Generation {id} did not reach the expected state; last seen: {current?.Status} {current?.ErrorMessage}");
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
