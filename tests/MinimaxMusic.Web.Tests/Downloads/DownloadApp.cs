using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.References;

namespace MinimaxMusic.Web.Tests.Downloads;

/// <summary>
/// The real app on Kestrel with songs written straight to its database and audio folder, the team admin signed in, and
/// the conversions ffmpeg runs counted from the app's own meter.
/// </summary>
public sealed class DownloadApp : IAsyncLifetime
{
    public const string MakerEmail = "writer@example.test";
    public const string Style = "dreamy synth-pop";
    public const string Lyrics = "[Verse]\nPaper boats on a silver bay\n[Chorus]\nSail away, sail away";

    private readonly Dictionary<string, string?> _settings;
    private readonly AudioFixtures _audio = new();
    private readonly ConcurrentQueue<(long Value, string Tags)> _conversions = new();
    private MeterListener? _listener;

    public DownloadApp()
        : this([])
    {
    }

    internal DownloadApp(Dictionary<string, string?> settings) => _settings = settings;

    internal TestApp App { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public string MakerId { get; private set; } = null!;

    /// <summary>How many conversions ran (any song), by tag text such as "format=flac,outcome=converted".</summary>
    public long Conversions(string tags = "") => _conversions.Where(c => c.Tags.Contains(tags, StringComparison.Ordinal)).Sum(c => c.Value);

    public string ConvertedFolder => App.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConvertedDirectory;

    /// <summary>20 s of MP3 as ffmpeg makes it (with its own ID3 tag): what the newer models deliver by default.</summary>
    public byte[] Mp3 => _audio.Mp3Of20Seconds;

    public async ValueTask InitializeAsync()
    {
        await _audio.InitializeAsync();
        App = new TestApp(new Dictionary<string, string?>(TestApp.FastPolling()).Concat(_settings).ToDictionary());
        var factory = App.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // Only this app's meter: other tests run their own apps in parallel.
                if (instrument.Name == "minimaxmusic.downloads.conversions" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            _conversions.Enqueue((value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        _listener.Start();

        Admin = App.CreateClient();
        // The first request makes the admin through /setup.
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("api/generations", TestContext.Current.CancellationToken)).StatusCode);
        await TeamMembers.AddAsync(App.Services, MakerEmail);
        using var scope = App.Services.CreateScope();
        MakerId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(MakerEmail))!.Id;
    }

    /// <summary>
    /// A finished 2.6 song by <see cref="MakerEmail"/> with a style and tagged lyrics, whose saved copy is a real
    /// <paramref name="seconds"/>-second WAV, or <see cref="Mp3"/> (or not saved yet).
    /// </summary>
    internal async Task<Generation> AddSongAsync(string title = "Paper boats", bool archived = true, double seconds = 3, bool mp3 = false)
    {
        var id = Guid.NewGuid();
        var bytes = mp3 ? Mp3 : AudioFixtures.SineWav(TimeSpan.FromSeconds(seconds));
        var fileName = $"{id:N}.{(mp3 ? "mp3" : "wav")}";
        if (archived)
        {
            var audio = App.Services.GetRequiredService<IOptions<StorageOptions>>().Value.AudioDirectory;
            Directory.CreateDirectory(audio);
            await File.WriteAllBytesAsync(Path.Combine(audio, fileName), bytes);
        }

        var song = new SongBuilder
        {
            Id = id,
            Title = title,
            Request = new SongRequest(ModelCatalog.Music26, Style, Lyrics),
            OwnerId = MakerId,
            Status = GenerationStatus.Completed,
            CreatedAtUtc = DateTime.UtcNow,
            FinishedAtUtc = DateTime.UtcNow,
            AudioContentType = mp3 ? "audio/mpeg" : "audio/wav",
            ArchivedFileName = archived ? fileName : null,
            ArchivedSize = archived ? bytes.Length : null,
            ArchivedSha256 = archived ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : null,
            DurationSeconds = mp3 ? 20 : seconds,
        }.Build();
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.Generations.Add(song);
        await db.SaveChangesAsync();
        return song;
    }

    /// <summary>The files converted for <paramref name="songId"/>.</summary>
    public IReadOnlyList<string> ConvertedFilesOf(Guid songId) =>
        Directory.Exists(ConvertedFolder) ? [.. Directory.GetFiles(ConvertedFolder, $"{songId:N}-*").Select(Path.GetFileName).Order()!] : [];

    public async ValueTask DisposeAsync()
    {
        await _audio.DisposeAsync();
        _listener?.Dispose();
        Admin.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The same app with Media:FfmpegFolder pointing at a folder without ffmpeg.</summary>
public sealed class DownloadAppWithoutFfmpeg() : IAsyncLifetime
{
    private readonly string _noTools = Directory.CreateTempSubdirectory("minimaxmusic-no-ffmpeg-").FullName;

    internal DownloadApp Inner { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Inner = new DownloadApp(new() { ["Media:FfmpegFolder"] = _noTools });
        await Inner.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync();
        Directory.Delete(_noTools, recursive: true);
    }
}
