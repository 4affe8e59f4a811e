using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Benchmarks;

/// <summary>
/// The real app on Kestrel (a real port on loopback) with a real SQLite file in a temp folder, configured only
/// through configuration keys, as an operator would. Same approach as the integration tests' TestApp.
/// </summary>
internal sealed class BenchmarkApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public BenchmarkApp(IReadOnlyDictionary<string, string?> settings, bool kestrel = true)
    {
        DataDirectory = Directory.CreateTempSubdirectory("minimaxmusic-bench-").FullName;
        _settings = settings;
        if (kestrel)
        {
            UseKestrel(0);
            StartServer();
        }
        else
        {
            // No HTTP needed (history): the in-memory server still builds and starts the real host.
            _ = Server;
        }
    }

    public string DataDirectory { get; }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public string AudioDirectory => Path.Combine(DataDirectory, "audio");

    public T Resolve<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public GenerationNotifier Notifier => Resolve<GenerationNotifier>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production: no developer exception page or static-asset dev wiring in the measured path.
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        // Per-request Information logs to the console would dominate the CPU numbers of 1,000 songs.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
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
            // SQLite may still hold the file for a moment; the OS cleans the temp folder.
        }
    }
}
