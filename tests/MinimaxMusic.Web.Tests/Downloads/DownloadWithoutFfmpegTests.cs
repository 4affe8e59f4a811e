using System.Net;

namespace MinimaxMusic.Web.Tests.Downloads;

/// <summary>A server without ffmpeg: the original still downloads; conversions say what they need.</summary>
[Trait("Category", "Integration")]
public sealed class DownloadWithoutFfmpegTests(DownloadAppWithoutFfmpeg app) : IClassFixture<DownloadAppWithoutFfmpeg>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("mp3")]
    [InlineData("wav")]
    [InlineData("flac")]
    public async Task AConversion_IsNotFound_AndTheAnswerSaysItNeedsFfmpeg(string format)
    {
        var song = await app.Inner.AddSongAsync();

        using var response = await app.Inner.Admin.GetAsync($"media/{song.Id}/download/{format}", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("MP3/WAV/FLAC need ffmpeg on the server", await DownloadTests.ProblemAsync(response), StringComparison.Ordinal);
        Assert.Empty(app.Inner.ConvertedFilesOf(song.Id));
    }

    [Fact]
    public async Task TheOriginal_StillDownloads()
    {
        var song = await app.Inner.AddSongAsync("Plain copy");

        using var response = await app.Inner.Admin.GetAsync($"media/{song.Id}/download/original", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Plain copy.wav", response.Content.Headers.ContentDisposition?.FileNameStar);
    }
}
