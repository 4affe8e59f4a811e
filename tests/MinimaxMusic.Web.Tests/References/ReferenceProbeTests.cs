using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Security;
using MinimaxMusic.Web.Tests.Security;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>The reference probe against real local servers, real files and the real ffprobe.</summary>
[Trait("Category", "Integration")]
public sealed class ReferenceProbeTests(AudioFixtures audio) : IClassFixture<AudioFixtures>
{
    private const string HtmlPage = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_OfA20SecondMp3_PassesWithFormatDurationAndSize()
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync(server.Url("/song.mp3").AbsoluteUri, Token);

        Assert.True(check.IsUsable, check.Problem);
        Assert.Null(check.Problem);
        Assert.Equal("MP3", check.Format);
        Assert.InRange(check.Duration!.Value.TotalSeconds, 19.5, 20.5);
        Assert.True(check.DurationVerified);
        Assert.Null(check.Warning);
        Assert.Equal(audio.Mp3Of20Seconds.Length, check.SizeBytes);
        Assert.Equal("audio/mpeg", check.ContentType);
        Assert.Equal(server.Url("/song.mp3").AbsoluteUri, check.Url);
    }

    [Fact]
    public async Task ABurstOfChecksOfOneUrl_SharesOneDownload_AndAllGetTheAnswer()
    {
        var downloads = 0;
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/slow.wav", async () =>
        {
            Interlocked.Increment(ref downloads);
            // Long enough that every check below starts while the first download is still running.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return Results.Bytes(audio.WavOf20Seconds, "audio/wav");
        }));
        await using var services = Services();
        var url = server.Url("/slow.wav").AbsoluteUri;

        var checks = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Probe(services).CheckAsync(url, Token)));

        Assert.All(checks, check => Assert.True(check.IsUsable, check.Problem));
        Assert.Equal(1, downloads);
    }

    [Fact]
    public async Task Check_OfA20SecondWav_Passes()
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync(server.Url("/song.wav").AbsoluteUri, Token);

        Assert.True(check.IsUsable, check.Problem);
        Assert.Equal("WAV", check.Format);
        Assert.Equal(TimeSpan.FromSeconds(20), check.Duration);
        Assert.True(check.DurationVerified);
        Assert.Equal(audio.WavOf20Seconds.Length, check.SizeBytes);
    }

    [Theory]
    [InlineData("/generic.mp3", "MP3")]
    [InlineData("/generic.wav", "WAV")]
    public async Task Check_OfAudioSentAsOctetStream_PassesOnItsBytes(string path, string format)
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync(server.Url(path).AbsoluteUri, Token);

        Assert.True(check.IsUsable, check.Problem);
        Assert.Equal(format, check.Format);
        Assert.Equal("application/octet-stream", check.ContentType);
    }

    [Fact]
    public async Task Check_OfAn8SecondWav_FailsWithItsLength()
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync(server.Url("/short.wav").AbsoluteUri, Token);

        Assert.False(check.IsUsable);
        Assert.Equal("the file is 8.0 s long; the model needs more than 15 s", check.Problem);
        Assert.Equal("WAV", check.Format);
        Assert.Equal(TimeSpan.FromSeconds(8), check.Duration);
        Assert.True(check.DurationVerified);
    }

    [Theory]
    [InlineData("/page.mp3")]          // text/html
    [InlineData("/page-as-audio.mp3")] // claims audio/mpeg, sends a page
    public async Task Check_OfAnHtmlPageAtAnMp3Url_FailsSayingItIsAPage(string path)
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync(server.Url(path).AbsoluteUri, Token);

        Assert.False(check.IsUsable);
        Assert.Equal("the server answered with an HTML page, not audio", check.Problem);
    }

    [Fact]
    public async Task Check_OfTextThatIsNotAudio_FailsNamingTheContentType()
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync(server.Url("/notes.mp3").AbsoluteUri, Token);

        Assert.False(check.IsUsable);
        Assert.Equal("the file is not MP3 or WAV audio (the server sent text/plain)", check.Problem);
    }

    [Fact]
    public async Task Check_OfAWavHeaderOverGarbage_FailsAsUnreadable()
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync(server.Url("/broken.wav").AbsoluteUri, Token);

        Assert.False(check.IsUsable);
        Assert.Equal("the file could not be read as WAV audio", check.Problem);
    }

    [Fact]
    public async Task Check_OfAMissingFile_FailsWithTheStatus()
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync(server.Url("/missing.mp3").AbsoluteUri, Token);

        Assert.False(check.IsUsable);
        Assert.Equal("the server answered 404 Not Found", check.Problem);
    }

    [Theory]
    [InlineData("/song.wav")]         // Content-Length says it is too big: refused before reading
    [InlineData("/chunked/song.wav")] // no Content-Length: refused while counting
    public async Task Check_OfABodyOverTheCap_Fails(string path)
    {
        await using var server = await StartServerAsync();
        await using var services = Services(new() { ["References:MaxBytes"] = "100000" });

        var check = await Probe(services).CheckAsync(server.Url(path).AbsoluteUri, Token);

        Assert.False(check.IsUsable);
        Assert.Equal("the file is larger than the 97.7 KB limit", check.Problem);
    }

    [Fact]
    public async Task Check_WithoutFfprobe_PassesWithAWarningThatTheDurationIsUnverified()
    {
        var empty = Directory.CreateTempSubdirectory("minimaxmusic-no-ffprobe-");
        try
        {
            await using var server = await StartServerAsync();
            await using var services = Services(new() { ["Media:FfmpegFolder"] = empty.FullName });

            var check = await Probe(services).CheckAsync(server.Url("/short.wav").AbsoluteUri, Token);

            Assert.True(check.IsUsable, check.Problem);
            Assert.False(check.DurationVerified);
            Assert.Null(check.Duration);
            Assert.Equal("WAV", check.Format);
            Assert.Equal("duration could not be verified (ffprobe is not installed)", check.Warning);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/song.wav")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/song.wav")]
    [InlineData("http://0.0.0.0:{port}/song.wav")]
    [InlineData("http://localhost:{port}/song.wav")]
    [InlineData("http://[::1]/song.wav")]
    [InlineData("http://10.0.0.1/song.wav")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task Check_OfAPrivateAddress_IsRefusedWhenPrivateAddressesAreDisallowed(string template)
    {
        await using var server = await StartServerAsync();
        await using var services = Services(allowPrivateNetworkUrls: false);
        var url = template.Replace("{port}", server.Port.ToString(), StringComparison.Ordinal);

        var check = await Probe(services).CheckAsync(url, Token);

        Assert.False(check.IsUsable);
        Assert.StartsWith(OutboundGuard.PrivateNetworkRefusal, check.Problem, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Check_OfAPublicLookingUrlThatRedirectsToLoopback_IsRefused()
    {
        await using var target = await StartServerAsync();
        await using var publicLooking = await LocalServer.StartAsync(app =>
            app.MapGet("/song.mp3", () => Results.Redirect($"http://127.0.0.1:{target.Port}/song.mp3")));
        await using var services = Services(allowPrivateNetworkUrls: false);
        // Trusting its exact origin makes the first server stand in for a public host.
        services.GetRequiredService<TrustedOrigins>().Add(publicLooking.BaseAddress);

        var check = await Probe(services).CheckAsync(publicLooking.Url("/song.mp3").AbsoluteUri, Token);

        Assert.False(check.IsUsable);
        Assert.Contains(OutboundGuard.PrivateNetworkRefusal, check.Problem, StringComparison.Ordinal);
        Assert.Equal(1, publicLooking.RequestCount);
        Assert.Equal(0, target.RequestCount);
    }

    [Theory]
    [InlineData("", "enter the URL of an MP3 or WAV file")]
    [InlineData("   ", "enter the URL of an MP3 or WAV file")]
    [InlineData("song.mp3", "the URL must be an absolute http:// or https:// address")]
    [InlineData("ftp://127.0.0.1/song.mp3", "the URL must be an absolute http:// or https:// address")]
    [InlineData("file:///etc/passwd", "the URL must be an absolute http:// or https:// address")]
    [InlineData("https://user:pass@cdn.example.com/song.mp3", "the URL must not contain a user name or password")]
    public async Task Check_OfAnUnacceptableUrl_FailsWithoutFetching(string url, string problem)
    {
        await using var services = Services();

        var check = await Probe(services).CheckAsync(url, Token);

        Assert.False(check.IsUsable);
        Assert.Equal(problem, check.Problem);
    }

    [Fact]
    public async Task Check_OfAUrlWithCredentials_SendsNoRequest()
    {
        await using var server = await StartServerAsync();
        await using var services = Services();

        var check = await Probe(services).CheckAsync($"http://user:pass@127.0.0.1:{server.Port}/song.wav", Token);

        Assert.Equal("the URL must not contain a user name or password", check.Problem);
        Assert.Equal(0, server.RequestCount);
    }

    [Theory]
    [InlineData("/song.wav")]    // usable: cached for References:CacheFor
    [InlineData("/missing.mp3")] // failed: cached for a minute
    public async Task Check_OfTheSameUrlAgain_IsAnsweredFromTheCache(string path)
    {
        await using var server = await StartServerAsync();
        await using var services = Services();
        var probe = Probe(services);

        var first = await probe.CheckAsync(server.Url(path).AbsoluteUri, Token);
        var second = await probe.CheckAsync(server.Url(path).AbsoluteUri, Token);

        Assert.Equal(first, second);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Check_OfADifferentUrl_IsNotAnsweredFromTheCache()
    {
        await using var server = await StartServerAsync();
        await using var services = Services();
        var probe = Probe(services);

        await probe.CheckAsync(server.Url("/song.wav").AbsoluteUri, Token);
        var other = await probe.CheckAsync(server.Url("/short.wav").AbsoluteUri, Token);

        Assert.False(other.IsUsable);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Registration_WithAnInvalidMaxBytes_FailsNamingTheKey()
    {
        await using var services = Services(new() { ["References:MaxBytes"] = "0" });

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => Probe(services).CheckAsync("https://cdn.example.com/song.mp3", Token));

        Assert.Contains("References:MaxBytes", error.Message, StringComparison.Ordinal);
    }

    private static ReferenceProbe Probe(ServiceProvider services) => services.GetRequiredService<ReferenceProbe>();

    private static ServiceProvider Services(Dictionary<string, string?>? settings = null, bool allowPrivateNetworkUrls = true) =>
        GuardedServices.Build(allowPrivateNetworkUrls, settings);

    private Task<LocalServer> StartServerAsync() => LocalServer.StartAsync(MapFiles);

    private void MapFiles(IEndpointRouteBuilder app)
    {
        app.MapGet("/song.mp3", () => Results.Bytes(audio.Mp3Of20Seconds, "audio/mpeg"));
        app.MapGet("/song.wav", () => Results.Bytes(audio.WavOf20Seconds, "audio/wav"));
        app.MapGet("/short.wav", () => Results.Bytes(audio.WavOf8Seconds, "audio/x-wav"));
        app.MapGet("/generic.mp3", () => Results.Bytes(audio.Mp3Of20Seconds, "application/octet-stream"));
        app.MapGet("/generic.wav", () => Results.Bytes(audio.WavOf20Seconds, "application/octet-stream"));
        app.MapGet("/page.mp3", () => Results.Content(HtmlPage, "text/html", Encoding.UTF8));
        app.MapGet("/page-as-audio.mp3", () => Results.Bytes(Encoding.UTF8.GetBytes(HtmlPage), "audio/mpeg"));
        app.MapGet("/notes.mp3", () => Results.Text("just some notes", "text/plain"));
        app.MapGet("/broken.wav", () => Results.Bytes([.. audio.WavOf20Seconds.AsSpan(0, 12), .. new byte[4000]], "audio/wav"));
        app.MapGet("/chunked/song.wav", async (HttpContext context) =>
        {
            context.Response.ContentType = "audio/wav";
            foreach (var chunk in audio.WavOf20Seconds.Chunk(16 * 1024))
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
    }
}
