using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Tests.Security;

/// <summary>The guarded client end to end: real sockets, a real local server, the app's registrations.</summary>
[Trait("Category", "Integration")]
public sealed class GuardedHttpTests
{
    private static readonly byte[] Body = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Download_FollowsARedirect_AndReportsFinalUrlStatusTypeAndSize()
    {
        await using var server = await LocalServer.StartAsync(app =>
        {
            app.MapGet("/start", () => Results.Redirect("/files/song.wav"));
            app.MapGet("/files/song.wav", () => Results.Bytes(Body, "audio/wav"));
        });
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);
        using var destination = new MemoryStream();

        var download = await DownloadAsync(services, server.Url("/start"), destination);

        Assert.True(download.Succeeded, download.Problem);
        Assert.Equal(server.Url("/files/song.wav"), download.FinalUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("audio/wav", download.ContentType);
        Assert.Equal(Body.Length, download.Bytes);
        Assert.Equal(Body, destination.ToArray());
    }

    [Theory]
    [InlineData("http://127.0.0.1:{v4}/x.mp3")]
    [InlineData("http://127.0.0.2:{v4}/x.mp3")]
    [InlineData("http://[::ffff:127.0.0.1]:{v4}/x.mp3")]
    [InlineData("http://0.0.0.0:{v4}/x.mp3")]
    [InlineData("http://[::1]:{v6}/x.mp3")]
    [InlineData("http://10.0.0.1/x.mp3")]
    [InlineData("http://172.16.5.4:8080/x.mp3")]
    [InlineData("http://192.168.1.1/x.mp3")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:a9fe:a9fe]/latest/meta-data/")]
    [InlineData("http://100.64.0.1/x.mp3")]
    [InlineData("https://[fd00::1]/x.mp3")]
    [InlineData("https://[fe80::1]/x.mp3")]
    [InlineData("http://[::]:{v6}/x.mp3")]
    [InlineData("http://2130706433:{v4}/x.mp3")] // 127.0.0.1 written as one number
    public async Task Download_OfAPrivateAddress_IsRefusedWithoutConnecting(string template)
    {
        using var loopback = LoopbackListeners.Start();
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: false);
        var url = new Uri(loopback.Fill(template));

        var download = await DownloadAsync(services, url, new MemoryStream());

        Assert.Equal(DownloadFailure.Refused, download.Failure);
        Assert.StartsWith(OutboundGuard.PrivateNetworkRefusal, download.Problem, StringComparison.Ordinal);
        Assert.False(loopback.AnyConnectionArrived, "a connection reached the loopback listener");
    }

    [Fact]
    public async Task Download_OfANameThatResolvesToLoopback_IsRefusedAtConnectTime()
    {
        using var loopback = LoopbackListeners.Start();
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: false);

        var download = await DownloadAsync(services, new Uri($"http://localhost:{loopback.V4Port}/x.mp3"), new MemoryStream());

        Assert.Equal(DownloadFailure.Refused, download.Failure);
        Assert.StartsWith($"{OutboundGuard.PrivateNetworkRefusal} (localhost resolves to ", download.Problem, StringComparison.Ordinal);
        Assert.False(loopback.AnyConnectionArrived, "a connection reached the loopback listener");
    }

    [Fact]
    public async Task Download_FromATrustedOrigin_IsAllowedWhilePrivateAddressesAreNot()
    {
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/x.wav", () => Results.Bytes(Body, "audio/wav")));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: false);
        services.GetRequiredService<TrustedOrigins>().Add(server.BaseAddress);

        var download = await DownloadAsync(services, server.Url("/x.wav"), new MemoryStream());

        Assert.True(download.Succeeded, download.Problem);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Download_FromAnotherPortOfATrustedHost_IsRefused()
    {
        await using var trusted = await LocalServer.StartAsync(app => app.MapGet("/x.wav", () => Results.Bytes(Body, "audio/wav")));
        await using var other = await LocalServer.StartAsync(app => app.MapGet("/x.wav", () => Results.Bytes(Body, "audio/wav")));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: false);
        services.GetRequiredService<TrustedOrigins>().Add(trusted.BaseAddress);

        var download = await DownloadAsync(services, other.Url("/x.wav"), new MemoryStream());

        Assert.Equal(DownloadFailure.Refused, download.Failure);
        Assert.Equal(0, other.RequestCount);
    }

    [Theory]
    [InlineData("127.0.0.1")] // refused from the Location header alone
    [InlineData("localhost")] // refused when the second hop connects
    public async Task Download_WhenAPublicServerRedirectsToLoopback_RefusesTheSecondHop(string loopbackHost)
    {
        await using var target = await LocalServer.StartAsync(app => app.MapGet("/x.mp3", () => Results.Bytes(Body, "audio/mpeg")));
        await using var publicLooking = await LocalServer.StartAsync(app =>
            app.MapGet("/song.mp3", () => Results.Redirect($"http://{loopbackHost}:{target.Port}/x.mp3")));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: false);
        // The trusted origin stands in for a public host: only the hop to loopback is in question.
        services.GetRequiredService<TrustedOrigins>().Add(publicLooking.BaseAddress);

        var download = await DownloadAsync(services, publicLooking.Url("/song.mp3"), new MemoryStream());

        Assert.Equal(DownloadFailure.Refused, download.Failure);
        Assert.Contains(OutboundGuard.PrivateNetworkRefusal, download.Problem, StringComparison.Ordinal);
        Assert.Equal(1, publicLooking.RequestCount);
        Assert.Equal(0, target.RequestCount);
    }

    [Fact]
    public async Task Download_ThroughARedirectLoop_StopsAfterFiveRedirects()
    {
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/loop", () => Results.Redirect("/loop")));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);

        var download = await DownloadAsync(services, server.Url("/loop"), new MemoryStream());

        Assert.Equal(DownloadFailure.Refused, download.Failure);
        Assert.Equal("the server redirected more than 5 times", download.Problem);
        Assert.Equal(1 + GuardedRedirectHandler.MaxRedirects, server.RequestCount);
    }

    [Fact]
    public async Task Download_OfAUrlWithUserAndPassword_IsRefusedWithoutARequest()
    {
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/x.wav", () => Results.Bytes(Body, "audio/wav")));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);

        var download = await DownloadAsync(services, new Uri($"http://user:pass@127.0.0.1:{server.Port}/x.wav"), new MemoryStream());

        Assert.Equal(DownloadFailure.Refused, download.Failure);
        Assert.Equal("the URL must not contain a user name or password", download.Problem);
        Assert.Equal(0, server.RequestCount);
    }

    [Theory]
    [InlineData("ftp://example.com/x.mp3")]
    [InlineData("file:///etc/passwd")]
    public async Task Download_OfANonHttpUrl_IsRefused(string url)
    {
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);

        var download = await DownloadAsync(services, new Uri(url), new MemoryStream());

        Assert.Equal(DownloadFailure.Refused, download.Failure);
        Assert.Equal("the URL must be an absolute http:// or https:// address", download.Problem);
    }

    [Fact]
    public async Task Download_OfAMissingFile_SaysWhatTheServerAnswered()
    {
        await using var server = await LocalServer.StartAsync(_ => { });
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);
        using var destination = new MemoryStream();

        var download = await DownloadAsync(services, server.Url("/missing.mp3"), destination);

        Assert.Equal(DownloadFailure.HttpStatus, download.Failure);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal("the server answered 404 Not Found", download.Problem);
        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task Download_WithAContentLengthOverTheCap_IsRefusedBeforeReadingTheBody()
    {
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/big.wav", () => Results.Bytes(Body, "audio/wav")));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);
        using var destination = new MemoryStream();

        var download = await DownloadAsync(services, server.Url("/big.wav"), destination, maxBytes: Body.Length - 1);

        Assert.Equal(DownloadFailure.TooLarge, download.Failure);
        Assert.Equal("the file is larger than the 2.9 KB limit", download.Problem);
        Assert.Equal(0, download.Bytes);
        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task Download_OfAChunkedBodyOverTheCap_StopsAtTheCap()
    {
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/big.wav", WriteChunkedAsync));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);
        using var destination = new MemoryStream();

        var download = await DownloadAsync(services, server.Url("/big.wav"), destination, maxBytes: 1000);

        Assert.Equal(DownloadFailure.TooLarge, download.Failure);
        Assert.Equal("the file is larger than the 1000 bytes limit", download.Problem);
        Assert.InRange(destination.Length, 0, 1000);
    }

    [Fact]
    public async Task Download_OfABodyExactlyAtTheCap_Succeeds()
    {
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/big.wav", WriteChunkedAsync));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);

        var download = await DownloadAsync(services, server.Url("/big.wav"), new MemoryStream(), maxBytes: Body.Length);

        Assert.True(download.Succeeded, download.Problem);
        Assert.Equal(Body.Length, download.Bytes);
    }

    [Fact]
    public async Task Download_ThatStallsPastTheTimeCap_FailsAsTimedOut()
    {
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/slow.wav", async (HttpContext context) =>
        {
            context.Response.ContentType = "audio/wav";
            await context.Response.Body.WriteAsync(Body.AsMemory(0, 100), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }));
        var time = new FakeTimeProvider();
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true, time: time);

        var download = DownloadAsync(services, server.Url("/slow.wav"), new MemoryStream(), timeout: TimeSpan.FromSeconds(20));
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        time.Advance(TimeSpan.FromSeconds(20));
        var result = await download.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal(DownloadFailure.TimedOut, result.Failure);
        Assert.Equal("the server did not deliver the file within 20 s", result.Problem);
    }

    private static Task<GuardedDownload> DownloadAsync(
        ServiceProvider services, Uri url, Stream destination, long maxBytes = 1_000_000, TimeSpan? timeout = null) =>
        services.GetRequiredService<GuardedHttp>().DownloadAsync(url, maxBytes, timeout ?? TimeSpan.FromSeconds(30), destination, Token);

    private static async Task WriteChunkedAsync(HttpContext context)
    {
        // No Content-Length: Kestrel sends the body chunked, so only counting can enforce the cap.
        context.Response.ContentType = "audio/wav";
        foreach (var chunk in Body.Chunk(500))
        {
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>Listeners on the IPv4 and IPv6 loopback addresses that only record whether anything connected.</summary>
    private sealed class LoopbackListeners : IDisposable
    {
        private readonly TcpListener _v4;
        private readonly TcpListener? _v6;

        private LoopbackListeners(TcpListener v4, TcpListener? v6)
        {
            _v4 = v4;
            _v6 = v6;
        }

        public int V4Port => ((IPEndPoint)_v4.LocalEndpoint).Port;

        public int V6Port => _v6 is null ? V4Port : ((IPEndPoint)_v6.LocalEndpoint).Port;

        public bool AnyConnectionArrived => _v4.Pending() || (_v6?.Pending() ?? false);

        public static LoopbackListeners Start()
        {
            var v4 = new TcpListener(IPAddress.Loopback, 0);
            v4.Start();
            TcpListener? v6 = null;
            if (Socket.OSSupportsIPv6)
            {
                v6 = new TcpListener(IPAddress.IPv6Loopback, 0);
                v6.Start();
            }

            return new LoopbackListeners(v4, v6);
        }

        public string Fill(string template) =>
            template.Replace("{v4}", V4Port.ToString(), StringComparison.Ordinal).Replace("{v6}", V6Port.ToString(), StringComparison.Ordinal);

        public void Dispose()
        {
            _v4.Dispose();
            _v6?.Dispose();
        }
    }
}
