using MinimaxMusic.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>
/// The reference library's registrations on a real SQLite file (migrations applied) in a temp data directory,
/// configured with plain keys as an operator would.
/// </summary>
internal sealed class ReferenceLibraryHarness : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://music.example.com/";

    private readonly ServiceProvider _services;

    private ReferenceLibraryHarness(ServiceProvider services, IConfigurationRoot configuration, string dataDirectory)
    {
        _services = services;
        Configuration = configuration;
        DataDirectory = dataDirectory;
    }

    public IConfigurationRoot Configuration { get; }

    public string DataDirectory { get; }

    public string ReferencesFolder => Path.Combine(DataDirectory, "references");

    public string AudioFolder => Path.Combine(DataDirectory, "audio");

    public IServiceProvider Services => _services;

    public ReferenceLibrary Library => _services.GetRequiredService<ReferenceLibrary>();

    public ReferenceUploads Uploads => _services.GetRequiredService<ReferenceUploads>();

    public AudioStore Store => _services.GetRequiredService<AudioStore>();

    public static async Task<ReferenceLibraryHarness> StartAsync(
        string? publicBaseUrl = PublicBaseUrl, Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("minimaxmusic-references-").FullName;
        var configuration = AppServices.Configuration(dataDirectory, Settings(dataDirectory, publicBaseUrl, settings));
        var services = new ServiceCollection();
        AddAppServices(services, configuration);
        if (time is not null)
        {
            services.ReplaceClock(time);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var harness = new ReferenceLibraryHarness(provider, configuration, dataDirectory);
        await using var db = await harness.CreateDbContextAsync();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return harness;
    }

    public static Dictionary<string, string?> Settings(
        string dataDirectory, string? publicBaseUrl, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["App:PublicBaseUrl"] = publicBaseUrl,
            ["Security:AllowPrivateNetworkUrls"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return values;
    }

    /// <summary>The app's own registrations (the same feature methods as Program.cs), without its background work.</summary>
    public static void AddAppServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddAppWithoutHost(configuration);

    public Task<AppDbContext> CreateDbContextAsync() =>
        _services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>Uploads bytes as a browser would send them.</summary>
    public Task<UploadResult> UploadAsync(byte[] bytes, string fileName, long? declaredSize = null) =>
        Uploads.SaveAsync(new MemoryStream(bytes), fileName, declaredSize ?? bytes.Length, TestContext.Current.CancellationToken);

    /// <summary>A completed song whose archived audio is <paramref name="audio"/>, as the archiver leaves it.</summary>
    public async Task<Generation> AddSongAsync(
        byte[]? audio, GenerationStatus status = GenerationStatus.Completed, string title = "Morning song", DateTime? createdAtUtc = null)
    {
        var id = Guid.NewGuid();
        string? fileName = null;
        if (audio is not null)
        {
            Directory.CreateDirectory(AudioFolder);
            fileName = id.ToString("N") + ".wav";
            await File.WriteAllBytesAsync(Path.Combine(AudioFolder, fileName), audio, TestContext.Current.CancellationToken);
        }

        var song = new SongBuilder
        {
            Id = id,
            Title = title,
            Lyrics = title,
            ReferenceAudioUrl = "https://cdn.example.com/reference.mp3",
            Status = status,
            CreatedAtUtc = createdAtUtc ?? new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc),
            FinishedAtUtc = status == GenerationStatus.Completed ? new DateTime(2026, 1, 1, 12, 1, 0, DateTimeKind.Utc) : null,
            AudioContentType = "audio/wav",
            ArchivedFileName = fileName,
            ArchivedSize = audio?.Length,
        }.Build();
        await using var db = await CreateDbContextAsync();
        db.Generations.Add(song);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return song;
    }

    /// <summary>A generation that sent <paramref name="reference"/> upstream, as GenerationService records it.</summary>
    public async Task AddGenerationUsingAsync(ReferenceCheck reference)
    {
        await using var db = await CreateDbContextAsync();
        db.Generations.Add(new SongBuilder
        {
            Id = Guid.NewGuid(),
            Title = "Uses a hosted reference",
            Lyrics = "la la la",
            ReferenceAudioUrl = reference.Url,
            Status = GenerationStatus.Queued,
            CreatedAtUtc = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc),
            ReferenceFileName = reference.HostedFileName,
        }.Build());
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every file in the references folder (including partial ones), by name.</summary>
    public string[] FilesOnDisk() =>
        Directory.Exists(ReferencesFolder) ? [.. Directory.GetFiles(ReferencesFolder).Select(Path.GetFileName).Order()!] : [];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test for.
        }
    }
}
