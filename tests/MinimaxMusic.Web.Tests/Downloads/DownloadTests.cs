using System.Net;
using System.Text.Json;
using FFMpegCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Downloads;

/// <summary>GET /media/{id}/download/{format} on the real app: what a person saves, and what ffprobe reads back from it.</summary>
[Trait("Category", "Integration")]
public sealed class DownloadTests(DownloadApp world) : IClassFixture<DownloadApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Formats() => new()
    {
        { "mp3", "audio/mpeg", "mp3" },
        { "wav", "audio/wav", "pcm_s16le" },
        { "flac", "audio/flac", "flac" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task EachFormat_IsAnAttachmentNamedAfterTheSong_ThatCarriesTitleMakerLyricsAndModelTags(string format, string contentType, string codec)
    {
        var song = await world.AddSongAsync("Paper boats");

        using var response = await world.Admin.GetAsync($"media/{song.Id}/download/{format}", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"Paper boats.{format}", response.Content.Headers.ContentDisposition?.FileNameStar);
        var probed = await ProbeAsync(response, format);
        Assert.Equal(codec, Assert.Single(probed.AudioStreams).CodecName);
        Assert.InRange(probed.Duration.TotalSeconds, 2.95, 3.1); // MP3 adds a frame of encoder delay
        var tags = probed.Format.Tags!;
        Assert.Equal("Paper boats", Tag(tags, "title"));
        Assert.Equal("writer", Tag(tags, "artist"));
        Assert.Equal($"minimax/music-2.6 · style: {DownloadApp.Style}", Tag(tags, "comment"));
        // FLAC: a LYRICS Vorbis comment; MP3 and WAV: an ID3 USLT frame, which ffprobe names lyrics-<language>.
        Assert.Equal(DownloadApp.Lyrics, Tag(tags, "lyrics"));
    }

    [Fact]
    public async Task AnMp3Song_AsMp3_KeepsItsAudioWithoutASecondEncode_UnderOneTagOfOurs()
    {
        var song = await world.AddSongAsync("Saved as mp3", mp3: true);
        var source = await ProbeAsync(world.Mp3, "mp3");

        using var response = await world.Admin.GetAsync($"media/{song.Id}/download/mp3", Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ID3\u0003"u8.ToArray(), bytes[..4]);
        var probed = await ProbeAsync(bytes, "mp3");
        Assert.Equal(source.AudioStreams.Single().BitRate, probed.AudioStreams.Single().BitRate);
        Assert.Equal(source.Duration.TotalSeconds, probed.Duration.TotalSeconds, precision: 1);
        var tags = probed.Format.Tags!;
        Assert.Equal("Saved as mp3", Tag(tags, "title"));
        Assert.Equal(DownloadApp.Lyrics, Tag(tags, "lyrics"));
        Assert.Null(Tag(tags, "encoder")); // the source's own ID3 tag (ffmpeg's TSSE) is gone
    }

    [Fact]
    public async Task AnMp3Song_AsFlac_IsLosslessFromTheDecodedMp3_WithTags()
    {
        var song = await world.AddSongAsync("Mp3 to flac", mp3: true);

        using var response = await world.Admin.GetAsync($"media/{song.Id}/download/flac", Token);
        var probed = await ProbeAsync(await response.Content.ReadAsByteArrayAsync(Token), "flac");

        Assert.Equal("flac", probed.AudioStreams.Single().CodecName);
        Assert.InRange(probed.Duration.TotalSeconds, 19.9, 20.2);
        Assert.Equal("Mp3 to flac", Tag(probed.Format.Tags!, "title"));
    }

    [Fact]
    public async Task TheSameDownloadAgain_IsServedFromTheCache_WithoutAnotherConversion()
    {
        var song = await world.AddSongAsync("Cached tide");
        var before = world.Conversions("format=flac");

        var first = await DownloadAsync(song.Id, "flac");
        var converted = Assert.Single(world.ConvertedFilesOf(song.Id));
        var madeAt = File.GetLastWriteTimeUtc(Path.Combine(world.ConvertedFolder, converted));
        var second = await DownloadAsync(song.Id, "flac");

        Assert.Equal(first, second);
        Assert.Equal(1, world.Conversions("format=flac") - before);
        Assert.Equal([converted], world.ConvertedFilesOf(song.Id));
        Assert.Equal(madeAt, File.GetLastWriteTimeUtc(Path.Combine(world.ConvertedFolder, converted)));
    }

    [Fact]
    public async Task ManyRequestsForANewConversionAtOnce_RunOneConversion_AndAllGetTheSameFile()
    {
        var song = await world.AddSongAsync("Crowded harbour", seconds: 20);
        var before = world.Conversions("format=mp3");

        var downloads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => DownloadAsync(song.Id, "mp3")));

        Assert.All(downloads, bytes => Assert.Equal(downloads[0], bytes));
        Assert.Single(world.ConvertedFilesOf(song.Id));
        Assert.Equal(1, world.Conversions("format=mp3") - before);
    }

    [Fact]
    public async Task AfterARename_TheDownloadCarriesTheNewTitle_AndTheOldConversionIsGone()
    {
        var song = await world.AddSongAsync("First title");
        await DownloadAsync(song.Id, "wav");
        var old = Assert.Single(world.ConvertedFilesOf(song.Id));

        await using (var scope = world.App.Services.ActAs())
        {
            Assert.Equal(EditOutcome.Done, (await scope.ServiceProvider.GetRequiredService<HistoryService>().RenameAsync(song.Id, "Second title", Token)).Outcome);
        }

        using var response = await world.Admin.GetAsync($"media/{song.Id}/download/wav", Token);
        Assert.Equal("Second title.wav", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("Second title", Tag((await ProbeAsync(response, "wav")).Format.Tags!, "title"));
        var current = Assert.Single(world.ConvertedFilesOf(song.Id));
        Assert.NotEqual(old, current);
    }

    [Fact]
    public async Task DeletingTheSong_DeletesItsConversions()
    {
        var song = await world.AddSongAsync("Gone tomorrow");
        await DownloadAsync(song.Id, "mp3");
        await DownloadAsync(song.Id, "flac");
        Assert.Equal(2, world.ConvertedFilesOf(song.Id).Count);

        await using (var scope = world.App.Services.ActAs())
        {
            Assert.Equal(EditOutcome.Done, (await scope.ServiceProvider.GetRequiredService<HistoryService>().DeleteAsync(song.Id, Token)).Outcome);
        }

        Assert.Empty(world.ConvertedFilesOf(song.Id));
        using var response = await world.Admin.GetAsync($"media/{song.Id}/download/mp3", Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheOriginal_IsTheSavedFileItself()
    {
        var song = await world.AddSongAsync("As it came");

        using var response = await world.Admin.GetAsync($"media/{song.Id}/download/original", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("As it came.wav", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(References.AudioFixtures.SineWav(TimeSpan.FromSeconds(3)), await response.Content.ReadAsByteArrayAsync(Token));
        Assert.Empty(world.ConvertedFilesOf(song.Id));
    }

    [Fact]
    public async Task ASongNotSavedHereYet_OffersNoConversion_AndSaysWhy()
    {
        var song = await world.AddSongAsync("Still at the CDN", archived: false);

        using var response = await world.Admin.GetAsync($"media/{song.Id}/download/flac", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not saved on this server yet", await ProblemAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownFormat_IsNotFound_AndTheAnswerListsTheFormats()
    {
        var song = await world.AddSongAsync("Odd format");

        using var response = await world.Admin.GetAsync($"media/{song.Id}/download/ogg", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("original, mp3, wav, flac", await ProblemAsync(response), StringComparison.Ordinal);
    }

    private async Task<byte[]> DownloadAsync(Guid id, string format)
    {
        using var response = await world.Admin.GetAsync($"media/{id}/download/{format}", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Token);
    }

    internal static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return $"{problem.RootElement.GetProperty("title").GetString()}: {problem.RootElement.GetProperty("detail").GetString()}";
    }

    /// <summary>The downloaded file as ffprobe reads it.</summary>
    private static async Task<IMediaAnalysis> ProbeAsync(HttpResponseMessage response, string format) =>
        await ProbeAsync(await response.Content.ReadAsByteArrayAsync(Token), format);

    private static async Task<IMediaAnalysis> ProbeAsync(byte[] file, string format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"minimaxmusic-download-{Guid.NewGuid():N}.{format}");
        try
        {
            await File.WriteAllBytesAsync(path, file, Token);
            return await FFProbe.AnalyseAsync(path, cancellationToken: Token);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A tag by name whatever its case; lyrics also under ffprobe's "lyrics-XXX" name for an ID3 USLT frame.</summary>
    private static string? Tag(IReadOnlyDictionary<string, string> tags, string name) =>
        tags.FirstOrDefault(t => string.Equals(t.Key, name, StringComparison.OrdinalIgnoreCase)
            || t.Key.StartsWith(name + "-", StringComparison.OrdinalIgnoreCase)).Value;
}
