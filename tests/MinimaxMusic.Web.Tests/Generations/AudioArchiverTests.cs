using MinimaxMusic.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>The archiver on its own, against a small loopback server that misbehaves the way CDNs do.</summary>
public sealed class AudioArchiverTests : IAsyncLifetime
{
    private const string SongLyrics = "La la la\nSing along";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("minimaxmusic-archiver-").FullName;
    private readonly List<ServiceProvider> _providers = [];
    private WebApplication? _cdn;
    private Uri _cdnAddress = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _cdn = builder.Build();
        _cdn.MapGet("/expired.mp3", () => Results.Text("<!DOCTYPE html><html><body>Link expired</body></html>", "audio/mpeg"));
        _cdn.MapGet("/song.bin", () => Results.File(LyricsSynthesizer.Render(SongLyrics), "application/octet-stream"));
        await _cdn.StartAsync(TestContext.Current.CancellationToken);
        _cdnAddress = new Uri(_cdn.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_cdn is not null)
        {
            await _cdn.DisposeAsync();
        }

        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Archive_OfAnHtmlPageLabelledAsAudio_FailsAndRetriesInTenSeconds()
    {
        var archiver = CreateArchiver();
        var song = Song("expired.mp3");

        var archived = await archiver.ArchiveAsync(song, TestContext.Current.CancellationToken);

        Assert.False(archived);
        Assert.False(song.IsArchived);
        Assert.Null(song.ArchivedFileName);
        Assert.Contains("did not send audio", song.LastArchiveError, StringComparison.Ordinal);
        Assert.Equal(1, song.ArchiveAttempts);
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddSeconds(10), song.NextArchiveAtUtc);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDirectory, "audio")));
    }

    [Fact]
    public async Task Archive_OfAFileLargerThanTheCap_GivesUpWithoutARetry()
    {
        var archiver = CreateArchiver(new() { ["Archive:MaxBytes"] = "1000" });
        var song = Song("song.bin");

        var archived = await archiver.ArchiveAsync(song, TestContext.Current.CancellationToken);

        Assert.False(archived);
        Assert.Contains("larger than", song.LastArchiveError, StringComparison.Ordinal);
        Assert.Null(song.NextArchiveAtUtc);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDirectory, "audio")));
    }

    [Fact]
    public async Task Archive_WithoutFfmpeg_KeepsTheWavRecognisedByItsBytes_WithoutDurationOrWaveform()
    {
        var noTools = Directory.CreateDirectory(Path.Combine(_dataDirectory, "no-ffmpeg")).FullName;
        var archiver = CreateArchiver(new() { ["Media:FfmpegFolder"] = noTools });
        var song = Song("song.bin");

        var archived = await archiver.ArchiveAsync(song, TestContext.Current.CancellationToken);

        Assert.True(archived, song.LastArchiveError);
        Assert.Equal("audio/wav", song.AudioContentType);
        Assert.EndsWith(".wav", song.ArchivedFileName, StringComparison.Ordinal);
        Assert.Equal(LyricsSynthesizer.FileSize(SongLyrics), song.ArchivedSize);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, song.ArchivedAtUtc);
        Assert.Null(song.DurationSeconds);
        Assert.Null(song.WaveformPeaks);
    }

    private Generation Song(string path) => new SongBuilder
    {
        Id = Guid.NewGuid(),
        Title = "La la la",
        Lyrics = SongLyrics,
        ReferenceAudioUrl = "https://cdn.example.com/reference.mp3",
        Status = GenerationStatus.Completed,
        AudioUrl = new Uri(_cdnAddress, path).ToString(),
        AudioContentType = "audio/mpeg",
    }.Build();

    private AudioArchiver CreateArchiver(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Security:AllowPrivateNetworkUrls"] = "true",
            ["Storage:DataDirectory"] = _dataDirectory,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddAppWithoutHost(AppServices.Configuration(_dataDirectory, values)).ReplaceClock(_time);
        Directory.CreateDirectory(Path.Combine(_dataDirectory, "audio"));
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<AudioArchiver>();
    }
}
