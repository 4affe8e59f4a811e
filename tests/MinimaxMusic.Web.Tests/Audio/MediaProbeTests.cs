using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Tests.References;

namespace MinimaxMusic.Web.Tests.Audio;

/// <summary>The one owner of ffprobe/ffmpeg, on real files with Debian's tools, registered as the app registers it.</summary>
public sealed class MediaProbeTests(AudioFixtures audio) : IClassFixture<AudioFixtures>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("minimaxmusic-media-probe-");
    private readonly List<ServiceProvider> _providers = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_OfA20SecondMp3_ReadsItsFormatAudioStreamAndDuration()
    {
        var path = await WriteAsync("song.mp3", audio.Mp3Of20Seconds);

        var result = await Probe().ProbeAsync(path, Token);

        Assert.Equal(ProbeOutcome.Analysed, result.Outcome);
        Assert.Contains("mp3", result.Analysis!.Formats);
        Assert.Equal(1, result.Analysis.AudioStreams);
        Assert.InRange(result.Analysis.Duration!.Value.TotalSeconds, 19.5, 20.5);
    }

    [Fact]
    public async Task DecodePeaks_OfA20SecondWav_GivesTheWaveformAndTheDecodedLength()
    {
        var path = await WriteAsync("song.wav", audio.WavOf20Seconds);

        var decoded = await Probe().DecodePeaksAsync(path, Token);

        Assert.NotNull(decoded);
        Assert.Equal(Waveform.DefaultBucketCount, decoded.Peaks.Length);
        Assert.All(decoded.Peaks, peak => Assert.InRange(peak, 0.2f, 0.3f)); // the fixture's sine peaks at 8000/32767
        Assert.InRange(decoded.Duration!.Value.TotalSeconds, 19.9, 20.1);
    }

    [Fact]
    public async Task Probe_OfAnHtmlPage_IsUnreadable()
    {
        var path = await WriteAsync("page.mp3", "<!DOCTYPE html><html><body>Link expired</body></html>"u8.ToArray());

        var probe = Probe();

        Assert.Equal(ProbeOutcome.Unreadable, (await probe.ProbeAsync(path, Token)).Outcome);
        Assert.Null(await probe.DecodePeaksAsync(path, Token));
    }

    [Fact]
    public async Task Probe_WithAFolderWithoutTheTools_SaysTheToolIsMissing()
    {
        var path = await WriteAsync("song.wav", audio.WavOf20Seconds);

        var probe = Probe(new() { ["Media:FfmpegFolder"] = _folder.FullName });

        Assert.False(probe.HasFfprobe);
        Assert.Equal(ProbeOutcome.ToolMissing, (await probe.ProbeAsync(path, Token)).Outcome);
        Assert.Null(await probe.DecodePeaksAsync(path, Token));
    }

    [Theory]
    [InlineData("Archive:FfmpegFolder")]
    [InlineData("References:FfprobeFolder")]
    public void TheOldFolderKeys_AreStillReadWhenMediaFfmpegFolderIsEmpty(string oldKey)
    {
        Assert.False(Probe(new() { [oldKey] = _folder.FullName }).HasFfprobe);
        Assert.True(Probe(new() { [oldKey] = _folder.FullName, ["Media:FfmpegFolder"] = FolderOnPath("ffprobe") }).HasFfprobe);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _folder.Delete(recursive: true);
    }

    private MediaProbe Probe(Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddMediaProbe();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _providers.Add(provider);
        return provider.GetRequiredService<MediaProbe>();
    }

    private static string FolderOnPath(string tool) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).First(folder => File.Exists(Path.Combine(folder, tool)));

    private async Task<string> WriteAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder.FullName, name);
        await File.WriteAllBytesAsync(path, bytes, Token);
        return path;
    }
}
