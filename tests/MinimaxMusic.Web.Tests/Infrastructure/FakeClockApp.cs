using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>The real app on Kestrel and a real SQLite file, with a fake clock deciding when the poller acts.</summary>
internal sealed class FakeClockApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly FakeTimeProvider _clock;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("minimaxmusic-test-").FullName;

    public FakeClockApp(IReadOnlyDictionary<string, string?> settings, FakeTimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
        UseKestrel(0);
        StartServer();
    }

    public string DataDirectory => _dataDirectory;

    /// <summary>The songs service acting as the team admin (services refuse nobody), as the admin's page would.</summary>
    public GenerationService CreateGenerationService() => Services.AsAdmin<GenerationService>();

    public async Task<Generation> WaitForAsync(Guid id, Func<Generation, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var service = CreateGenerationService();
        while (true)
        {
            if (await service.GetAsync(id, timeout.Token) is { } current && condition(current))
            {
                return current;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
