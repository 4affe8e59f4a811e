using System.Text;
using System.Text.RegularExpressions;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>Uploaded references: stored, checked locally with the real ffprobe, hosted under App:PublicBaseUrl.</summary>
public sealed partial class ReferenceUploadsTests(AudioFixtures audio) : IClassFixture<AudioFixtures>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_OfA20SecondWav_IsHostedUnderThePublicBaseUrl()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.UploadAsync(audio.WavOf20Seconds, "My Song.wav");

        Assert.True(result.Succeeded, result.Problem);
        var check = result.Check!;
        Assert.True(check.IsUsable);
        Assert.Equal("WAV", check.Format);
        Assert.Equal(TimeSpan.FromSeconds(20), check.Duration);
        Assert.True(check.DurationVerified);
        Assert.Equal(audio.WavOf20Seconds.Length, check.SizeBytes);
        Assert.Equal("audio/wav", check.ContentType);
        var fileName = HostedFileNameIn(check.Url, ".wav");
        Assert.Equal([fileName], harness.FilesOnDisk());
        Assert.Equal(audio.WavOf20Seconds, await File.ReadAllBytesAsync(Path.Combine(harness.ReferencesFolder, fileName), Token));
    }

    [Fact]
    public async Task Upload_OfA20SecondMp3_IsHostedUnderThePublicBaseUrl()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.UploadAsync(audio.Mp3Of20Seconds, "song.mp3");

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal("MP3", result.Check!.Format);
        Assert.InRange(result.Check.Duration!.Value.TotalSeconds, 19.5, 20.5);
        Assert.Equal("audio/mpeg", result.Check.ContentType);
        var fileName = HostedFileNameIn(result.Check.Url, ".mp3");
        Assert.Equal([fileName], harness.FilesOnDisk());
        Assert.Equal(audio.Mp3Of20Seconds, await File.ReadAllBytesAsync(Path.Combine(harness.ReferencesFolder, fileName), Token));
    }

    [Theory]
    [InlineData("https://example.com/music", "https://example.com/music/references/")]
    [InlineData("https://example.com/music/", "https://example.com/music/references/")]
    [InlineData("http://203.0.113.7:8080", "http://203.0.113.7:8080/references/")]
    public async Task Upload_UnderAPublicBaseUrlWithAPathOrPort_GetsAUrlBelowIt(string publicBaseUrl, string expectedPrefix)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync(publicBaseUrl);

        var result = await harness.UploadAsync(audio.WavOf20Seconds, "song.wav");

        Assert.True(result.Succeeded, result.Problem);
        Assert.StartsWith(expectedPrefix, result.Check!.Url, StringComparison.Ordinal);
        Assert.True(AudioStore.IsValidName(AudioKind.Reference, result.Check.Url[expectedPrefix.Length..]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Upload_WithoutAPublicBaseUrl_IsRefusedWithTheExplanationAndNothingIsRead(string? publicBaseUrl)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync(publicBaseUrl);
        var content = new MemoryStream(audio.WavOf20Seconds);

        var result = await harness.Uploads.SaveAsync(content, "song.wav", content.Length, Token);

        Assert.False(harness.Uploads.IsEnabled);
        Assert.False(result.Succeeded);
        Assert.Equal(
            "Uploads are off: the AIML service downloads the reference itself, so it must reach this app. "
            + "Set App__PublicBaseUrl to the address the internet reaches this app at.",
            result.Problem);
        Assert.Equal(ReferenceUploads.DisabledExplanation, result.Problem);
        Assert.Equal(0, content.Position);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Theory]
    [InlineData("song.flac", "only .mp3 and .wav files can be uploaded, not .flac")]
    [InlineData("song.ogg", "only .mp3 and .wav files can be uploaded, not .ogg")]
    [InlineData("song.mp3.exe", "only .mp3 and .wav files can be uploaded, not .exe")]
    [InlineData("song.wav.html", "only .mp3 and .wav files can be uploaded, not .html")]
    [InlineData("song", "only .mp3 and .wav files can be uploaded (this file has no extension)")]
    [InlineData("", "only .mp3 and .wav files can be uploaded (this file has no extension)")]
    public async Task Upload_WithAnotherExtension_IsRefusedAndLeavesNoFile(string fileName, string problem)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.UploadAsync(audio.WavOf20Seconds, fileName);

        Assert.False(result.Succeeded);
        Assert.Equal(problem, result.Problem);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Theory]
    [InlineData("SONG.WAV")]
    [InlineData("Song.Wav")]
    [InlineData(@"C:\Users\me\Music\song.wav")]
    [InlineData("../../song.wav")]
    public async Task Upload_WithAnyCaseOrPathInItsName_IsAcceptedUnderAFreshName(string fileName)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.UploadAsync(audio.WavOf20Seconds, fileName);

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal([HostedFileNameIn(result.Check!.Url, ".wav")], harness.FilesOnDisk());
    }

    [Fact]
    public async Task Upload_DeclaredOverTheCap_IsRefusedWithoutReadingAndLeavesNoFile()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync(settings: new() { ["References:MaxUploadBytes"] = "100000" });
        var content = new MemoryStream(audio.WavOf20Seconds);

        var result = await harness.Uploads.SaveAsync(content, "song.wav", audio.WavOf20Seconds.Length, Token);

        Assert.False(result.Succeeded);
        Assert.Equal("the file is larger than the 97.7 KB upload limit", result.Problem);
        Assert.Equal(0, content.Position);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Theory]
    [InlineData(50_000L)] // the browser under-declared
    [InlineData(-1L)]     // size unknown
    public async Task Upload_StreamingOverTheCap_IsRefusedAndThePartialFileIsDeleted(long declaredSize)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync(settings: new() { ["References:MaxUploadBytes"] = "100000" });

        var result = await harness.UploadAsync(audio.WavOf20Seconds, "song.wav", declaredSize);

        Assert.False(result.Succeeded);
        Assert.Equal("the file is larger than the 97.7 KB upload limit", result.Problem);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Upload_ExactlyAtTheCap_IsAccepted()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync(
            settings: new() { ["References:MaxUploadBytes"] = audio.WavOf20Seconds.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var result = await harness.UploadAsync(audio.WavOf20Seconds, "song.wav");

        Assert.True(result.Succeeded, result.Problem);
    }

    [Fact]
    public async Task Upload_OfAn8SecondWav_IsRefusedWithItsLengthAndDeleted()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.UploadAsync(audio.WavOf8Seconds, "short.wav");

        Assert.False(result.Succeeded);
        Assert.Equal("the file is 8.0 s long; the model needs more than 15 s", result.Problem);
        Assert.Equal(TimeSpan.FromSeconds(8), result.Check!.Duration);
        Assert.False(result.Check.IsUsable);
        Assert.Equal("short.wav", result.Check.Url);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Upload_OfAnHtmlPageNamedMp3_IsRefusedAsAPage()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.UploadAsync(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>hi</body></html>"), "song.mp3");

        Assert.Equal("the file is an HTML page, not audio", result.Problem);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Upload_OfAnEmptyFile_IsRefused()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.UploadAsync([], "song.wav");

        Assert.Equal("the file is empty", result.Problem);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Upload_OfWavBytesNamedMp3_IsHostedAsWavSoItIsServedAsWhatItIs()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.UploadAsync(audio.WavOf20Seconds, "song.mp3");

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal("WAV", result.Check!.Format);
        Assert.Equal("audio/wav", result.Check.ContentType);
        HostedFileNameIn(result.Check.Url, ".wav");
    }

    [Fact]
    public async Task Upload_WhoseStreamBreaks_IsRefusedAndLeavesNoFile()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        using var content = new BreakingStream(audio.WavOf20Seconds, breakAfter: 200_000, new IOException("the connection was reset"));

        var result = await harness.Uploads.SaveAsync(content, "song.wav", audio.WavOf20Seconds.Length, Token);

        Assert.Equal("the upload was interrupted before the whole file arrived; try again", result.Problem);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Upload_CancelledMidway_ThrowsAndLeavesNoFile()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        using var content = new BreakingStream(audio.WavOf20Seconds, breakAfter: 200_000, new OperationCanceledException());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Uploads.SaveAsync(content, "song.wav", audio.WavOf20Seconds.Length, Token));

        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Uploads_NeverShareAToken_AndEachCarriesAtLeast128RandomBits()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var tokens = new List<string>();

        for (var i = 0; i < 5; i++)
        {
            var result = await harness.UploadAsync(audio.WavOf20Seconds, "same-file.wav");
            Assert.True(result.Succeeded, result.Problem);
            tokens.Add(Path.GetFileNameWithoutExtension(HostedFileNameIn(result.Check!.Url, ".wav")));
        }

        Assert.Equal(5, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, token =>
        {
            Assert.Matches(Base64UrlToken(), token);
            Assert.True(token.Length >= 22, $"token {token} is shorter than 22 characters (128 bits)");
        });
        Assert.Equal(5, harness.FilesOnDisk().Length);
    }

    [Fact]
    public async Task CheckHosted_OfOneOfOurUrls_ChecksTheLocalFile()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var uploaded = (await harness.UploadAsync(audio.WavOf20Seconds, "song.wav")).Check!;

        var check = await harness.Uploads.CheckHostedAsync(uploaded.Url, Token);

        Assert.NotNull(check);
        Assert.True(check.IsUsable, check.Problem);
        Assert.Equal(uploaded.Url, check.Url);
        Assert.Equal(TimeSpan.FromSeconds(20), check.Duration);
    }

    [Fact]
    public async Task CheckHosted_OfAFileThatWasDeleted_SaysItIsGone()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var uploaded = (await harness.UploadAsync(audio.WavOf20Seconds, "song.wav")).Check!;
        File.Delete(Path.Combine(harness.ReferencesFolder, harness.FilesOnDisk().Single()));

        var check = await harness.Uploads.CheckHostedAsync(uploaded.Url, Token);

        Assert.False(check!.IsUsable);
        Assert.Equal(ReferenceUploads.MissingFileProblem, check.Problem);
    }

    [Theory]
    [InlineData("https://cdn.example.com/references/AAAAAAAAAAAAAAAAAAAAAA.wav")] // someone else's host
    [InlineData("https://music.example.com/media/AAAAAAAAAAAAAAAAAAAAAA.wav")]      // not the references folder
    [InlineData("https://music.example.com/references/short.wav")]                // not a name we make
    [InlineData("https://music.example.com/references/../minimaxmusic.db")]
    [InlineData("")]
    public async Task HostedFileNameOf_AnythingButOurReferenceUrls_IsNull(string url)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        Assert.Null(harness.Uploads.HostedFileNameOf(url));
    }

    private static string HostedFileNameIn(string url, string extension)
    {
        var prefix = ReferenceLibraryHarness.PublicBaseUrl + "references/";
        Assert.StartsWith(prefix, url, StringComparison.Ordinal);
        var fileName = url[prefix.Length..];
        Assert.EndsWith(extension, fileName, StringComparison.Ordinal);
        Assert.True(AudioStore.IsValidName(AudioKind.Reference, fileName), fileName);
        return fileName;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Base64UrlToken();

    /// <summary>Gives its bytes until <c>breakAfter</c>, then throws: a browser connection that drops mid-upload.</summary>
    private sealed class BreakingStream(byte[] bytes, int breakAfter, Exception failure) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= breakAfter)
            {
                throw failure;
            }

            return await base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, breakAfter - Position)], cancellationToken);
        }
    }
}
