using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Tests.Security;

/// <summary>The redirect rules, against a scripted transport (no sockets).</summary>
public sealed class GuardedRedirectHandlerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redirect_FromHttpsToPlainHttp_IsRefused()
    {
        using var transport = new ScriptedTransport();
        transport.Redirect("https://cdn.example.com/a.mp3", "http://cdn.example.com/a.mp3");

        var error = await Assert.ThrowsAsync<OutboundUrlRefusedException>(() => SendAsync(transport, "https://cdn.example.com/a.mp3"));

        Assert.Equal("the server redirected from https to plain http", error.Message);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Redirect_WithARelativeLocation_IsResolvedAgainstTheAnsweringUrl()
    {
        using var transport = new ScriptedTransport();
        transport
            .Redirect("https://cdn.example.com/songs/a.mp3", "../files/a.mp3")
            .Ok("https://cdn.example.com/files/a.mp3");

        using var response = await SendAsync(transport, "https://cdn.example.com/songs/a.mp3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["https://cdn.example.com/songs/a.mp3", "https://cdn.example.com/files/a.mp3"], transport.Requests.Select(r => r.Url));
    }

    [Theory]
    [InlineData("https://user:secret@cdn.example.com/a.mp3", "the URL must not contain a user name or password")]
    [InlineData("ftp://cdn.example.com/a.mp3", "the URL must be an absolute http:// or https:// address")]
    [InlineData("file:///etc/passwd", "the URL must be an absolute http:// or https:// address")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "addresses on private networks are not allowed (169.254.169.254)")]
    public async Task Redirect_ToAUrlThatIsNotAllowed_IsRefusedBeforeTheNextRequest(string location, string reason)
    {
        using var transport = new ScriptedTransport();
        transport.Redirect("https://cdn.example.com/a.mp3", location);

        var error = await Assert.ThrowsAsync<OutboundUrlRefusedException>(() => SendAsync(transport, "https://cdn.example.com/a.mp3"));

        Assert.Equal($"the server redirected to a URL that is not allowed: {reason}", error.Message);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Redirect_ToAnotherOrigin_DropsTheAuthorizationHeader_ButKeepsItOnTheSameOrigin()
    {
        using var transport = new ScriptedTransport();
        transport
            .Redirect("https://a.example.com/1", "/2")
            .Redirect("https://a.example.com/2", "https://b.example.com/3")
            .Ok("https://b.example.com/3");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://a.example.com/1");
        request.Headers.Authorization = new("Bearer", "secret");

        using var response = await SendAsync(transport, request);

        Assert.Equal(["Bearer secret", "Bearer secret", null], transport.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Redirect_303AfterAPost_ContinuesAsAGet()
    {
        using var transport = new ScriptedTransport();
        transport
            .Redirect("https://a.example.com/form", "/result", HttpStatusCode.SeeOther)
            .Ok("https://a.example.com/result");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://a.example.com/form") { Content = new StringContent("x") };

        using var response = await SendAsync(transport, request);

        Assert.Equal([HttpMethod.Post, HttpMethod.Get], transport.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Redirect_SixTimes_IsRefusedAfterTheFifth()
    {
        using var transport = new ScriptedTransport();
        for (var i = 0; i <= GuardedRedirectHandler.MaxRedirects; i++)
        {
            transport.Redirect($"https://a.example.com/{i}", $"/{i + 1}");
        }

        var error = await Assert.ThrowsAsync<OutboundUrlRefusedException>(() => SendAsync(transport, "https://a.example.com/0"));

        Assert.Equal("the server redirected more than 5 times", error.Message);
        Assert.Equal(6, transport.Requests.Count);
    }

    [Fact]
    public async Task Redirect_FiveTimes_IsFollowed()
    {
        using var transport = new ScriptedTransport();
        for (var i = 0; i < GuardedRedirectHandler.MaxRedirects; i++)
        {
            transport.Redirect($"https://a.example.com/{i}", $"/{i + 1}");
        }

        transport.Ok($"https://a.example.com/{GuardedRedirectHandler.MaxRedirects}");

        using var response = await SendAsync(transport, "https://a.example.com/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(ScriptedTransport transport, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(transport, request);
    }

    private static async Task<HttpResponseMessage> SendAsync(ScriptedTransport transport, HttpRequestMessage request)
    {
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: false);
        using var handler = new GuardedRedirectHandler(services.GetRequiredService<OutboundGuard>()) { InnerHandler = transport };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        return await invoker.SendAsync(request, Token);
    }

    private sealed record SentRequest(HttpMethod Method, string Url, string? Authorization);

    private sealed class ScriptedTransport : HttpMessageHandler
    {
        private readonly Dictionary<string, Func<HttpResponseMessage>> _answers = [];

        public List<SentRequest> Requests { get; } = [];

        public ScriptedTransport Redirect(string from, string location, HttpStatusCode status = HttpStatusCode.Found)
        {
            _answers[from] = () =>
            {
                var response = new HttpResponseMessage(status);
                response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
                return response;
            };
            return this;
        }

        public ScriptedTransport Ok(string url)
        {
            _answers[url] = () => new HttpResponseMessage(HttpStatusCode.OK);
            return this;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.AbsoluteUri;
            Requests.Add(new SentRequest(request.Method, url, request.Headers.Authorization?.ToString()));
#pragma warning disable CA2000 // The response goes back to the caller inside the task; the caller disposes it.
            var response = _answers.TryGetValue(url, out var answer)
                ? answer()
                : new HttpResponseMessage(HttpStatusCode.NotFound);
#pragma warning restore CA2000
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
