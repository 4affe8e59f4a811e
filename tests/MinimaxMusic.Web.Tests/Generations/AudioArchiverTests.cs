using System.Buffers.Binary;
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
    private const double PcmSeconds = 2.5;
    private const int PcmRate = 24_000;
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
        // Raw samples as the newer models send them when asked for pcm, labelled however the CDN likes.
        _cdn.MapGet("/song.pcm", () => Results.File(RawSamples(PcmSeconds, PcmRate), "application/octet-stream"));
        _cdn.MapGet("/torn.pcm", () => Results.File([.. RawSamples(PcmSeconds, PcmWav.DefaultSampleRate), 0x7F], "audio/pcm"));
        _cdn.MapGet("/denied.pcm", () => Results.Text("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>", "application/xml"));
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

    [Fact]
    public async Task Archive_OfASongAskedForAsPcm_WrapsTheSamplesInAWavThatPlays_WithItsDurationAndWaveform()
    {
        var archiver = CreateArchiver();
        var song = PcmSong("song.pcm", sampleRate: PcmRate);

        var archived = await archiver.ArchiveAsync(song, TestContext.Current.CancellationToken);

        Assert.True(archived, song.LastArchiveError);
        Assert.Equal("audio/wav", song.AudioContentType);
        Assert.Equal($"{song.Id:N}.wav", song.ArchivedFileName);
        var rawBytes = (int)(PcmSeconds * PcmRate) * 2;
        var file = await SavedBytesAsync(song);
        Assert.Equal(PcmWav.HeaderSize + rawBytes, file.Length);
        Assert.Equal(file.Length, song.ArchivedSize);
        AssertCanonicalHeader(file, PcmRate, rawBytes);
        Assert.Equal(RawSamples(PcmSeconds, PcmRate), file[PcmWav.HeaderSize..]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), song.ArchivedSha256);
        Assert.NotNull(song.DurationSeconds);
        Assert.Equal(PcmSeconds, song.DurationSeconds.Value, precision: 2);
        // The tone's 12,000 of 32,767 everywhere: the samples were read as the 16-bit mono they are.
        Assert.NotNull(song.WaveformPeaks);
        Assert.All(song.WaveformPeaks, peak => Assert.InRange(peak, 88, 98));
    }

    [Fact]
    public async Task Archive_OfPcmWithoutAnAskedRate_Uses44100_AndDropsATornLastSample()
    {
        var archiver = CreateArchiver();
        var song = PcmSong("torn.pcm", sampleRate: null);

        var archived = await archiver.ArchiveAsync(song, TestContext.Current.CancellationToken);

        Assert.True(archived, song.LastArchiveError);
        var rawBytes = (int)(PcmSeconds * PcmWav.DefaultSampleRate) * 2;
        var file = await SavedBytesAsync(song);
        Assert.Equal(PcmWav.HeaderSize + rawBytes, file.Length);
        AssertCanonicalHeader(file, PcmWav.DefaultSampleRate, rawBytes);
        Assert.Equal(PcmSeconds, song.DurationSeconds!.Value, precision: 2);
    }

    [Fact]
    public async Task Archive_OfASongAskedForAsPcm_ThatCameAsAWav_KeepsItAsItCame()
    {
        var archiver = CreateArchiver();
        var song = PcmSong("song.bin", sampleRate: PcmRate);

        var archived = await archiver.ArchiveAsync(song, TestContext.Current.CancellationToken);

        Assert.True(archived, song.LastArchiveError);
        Assert.Equal(LyricsSynthesizer.Render(SongLyrics), await SavedBytesAsync(song));
    }

    [Fact]
    public async Task Archive_OfASongAskedForAsPcm_WhenTheLinkAnswersWithAnErrorDocument_SavesNoNoise_AndRetries()
    {
        var archiver = CreateArchiver();
        var song = PcmSong("denied.pcm", sampleRate: PcmRate);

        var archived = await archiver.ArchiveAsync(song, TestContext.Current.CancellationToken);

        Assert.False(archived);
        Assert.Contains("did not send audio (it sent application/xml", song.LastArchiveError, StringComparison.Ordinal);
        Assert.NotNull(song.NextArchiveAtUtc);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDirectory, "audio")));
    }

    private Task<byte[]> SavedBytesAsync(Generation song) =>
        File.ReadAllBytesAsync(Path.Combine(_dataDirectory, "audio", song.ArchivedFileName!), TestContext.Current.CancellationToken);

    /// <summary>A 2.6 song asked for as pcm, finished at <paramref name="path"/> on the test's CDN.</summary>
    private Generation PcmSong(string path, int? sampleRate) => new SongBuilder
    {
        Id = Guid.NewGuid(),
        Request = new SongRequest(ModelCatalog.Music26, Style: "dreamy synth-pop", Lyrics: "[Verse]\nLa la la",
            Audio: new AudioChoice("pcm", sampleRate)),
        Status = GenerationStatus.Completed,
        AudioUrl = new Uri(_cdnAddress, path).ToString(),
        AudioContentType = "application/octet-stream",
    }.Build();

    /// <summary>Mono 16-bit little-endian samples of a 440 Hz tone: what a pcm answer holds.</summary>
    private static byte[] RawSamples(double seconds, int sampleRate)
    {
        var samples = (int)(seconds * sampleRate);
        var bytes = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 12_000));
        }

        return bytes;
    }

    private static void AssertCanonicalHeader(byte[] file, int sampleRate, int dataBytes)
    {
        var header = file.AsSpan();
        Assert.Equal("RIFF"u8.ToArray(), header[..4].ToArray());
        Assert.Equal(file.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(header[4..]));
        Assert.Equal("WAVEfmt "u8.ToArray(), header[8..16].ToArray());
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(header[16..]));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(header[20..])); // PCM
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(header[22..])); // mono
        Assert.Equal(sampleRate, BinaryPrimitives.ReadInt32LittleEndian(header[24..]));
        Assert.Equal(sampleRate * 2, BinaryPrimitives.ReadInt32LittleEndian(header[28..]));
        Assert.Equal(2, BinaryPrimitives.ReadInt16LittleEndian(header[32..]));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(header[34..]));
        Assert.Equal("data"u8.ToArray(), header[36..40].ToArray());
        Assert.Equal(dataBytes, BinaryPrimitives.ReadInt32LittleEndian(header[40..]));
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
