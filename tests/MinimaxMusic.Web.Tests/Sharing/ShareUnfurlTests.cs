using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Sharing;

/// <summary>What a chat tool reads when a link is pasted: OpenGraph and Twitter tags in the HTML, and oEmbed.</summary>
[Trait("Category", "Integration")]
public sealed class ShareUnfurlTests : IAsyncLifetime
{
    private const string PublicBase = "https://music.example.com/team/";
    private TestApp _app = null!;
    private TestApp _appWithoutPublicBase = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var settings = TestApp.FastPolling();
        settings["App:PublicBaseUrl"] = PublicBase;
        _app = new TestApp(settings);
        _appWithoutPublicBase = new TestApp(TestApp.FastPolling());
        await SharingTestData.CreateAdminAsync(_app.Services);
        await SharingTestData.CreateAdminAsync(_appWithoutPublicBase.Services);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _appWithoutPublicBase.DisposeAsync();
    }

    [Fact]
    public async Task TheSharePage_CarriesOpenGraphAndTwitterTags_WithAbsoluteUrlsOnThePublicAddress()
    {
        var song = await SharingTestData.AddCompletedSongAsync(_app.Services, DateTime.UtcNow);
        var share = await SharingTestData.ShareAsync(_app.Services, song.Id, ShareVisibility.Public);
        using var client = SharingTestData.Anonymous(_app.BaseAddress);

        var document = await ParseAsync(client, $"s/{share.Token}");

        Assert.Equal(song.Title, Meta(document, "og:title"));
        Assert.Equal("Paper boats on the harbour / Sailing out with the tide / We wave them off at sunset / And keep the light inside", Meta(document, "og:description"));
        Assert.Equal("music.song", Meta(document, "og:type"));
        Assert.Equal($"{PublicBase}s/{share.Token}", Meta(document, "og:url"));
        Assert.Equal($"{PublicBase}s/{share.Token}/audio", Meta(document, "og:audio"));
        Assert.Equal("audio/wav", Meta(document, "og:audio:type"));
        Assert.Equal("player", Meta(document, "twitter:card"));
        Assert.Equal($"{PublicBase}s/{share.Token}/embed", Meta(document, "twitter:player"));
        var oembed = document.QuerySelector("head link[rel='alternate'][type='application/json+oembed']")?.GetAttribute("href");
        Assert.Equal($"{PublicBase}oembed?url={Uri.EscapeDataString($"{PublicBase}s/{share.Token}")}&format=json", oembed);
        Assert.Contains($"{song.Title} · MinimaxMusic", document.QuerySelectorAll("head title").Select(t => t.TextContent));
    }

    [Fact]
    public async Task WithoutAPublicAddress_TheTagsUseTheAddressTheRequestCameIn_StillAbsolute()
    {
        var song = await SharingTestData.AddCompletedSongAsync(_appWithoutPublicBase.Services, DateTime.UtcNow);
        var share = await SharingTestData.ShareAsync(_appWithoutPublicBase.Services, song.Id, ShareVisibility.Public);
        using var client = SharingTestData.Anonymous(_appWithoutPublicBase.BaseAddress);

        var document = await ParseAsync(client, $"s/{share.Token}");

        foreach (var property in new[] { "og:url", "og:audio", "twitter:player" })
        {
            var value = Meta(document, property);
            Assert.True(Uri.TryCreate(value, UriKind.Absolute, out var uri), $"{property} = {value}");
            Assert.Equal(_appWithoutPublicBase.BaseAddress.Authority, uri.Authority);
        }

        // The absolute audio URL in og:audio really plays.
        using var audio = await client.GetAsync(Meta(document, "og:audio"), Ct);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheOEmbedEndpoint_DescribesAnActiveLinkAsARichIframePlayer()
    {
        var song = await SharingTestData.AddCompletedSongAsync(_app.Services, DateTime.UtcNow);
        var share = await SharingTestData.ShareAsync(_app.Services, song.Id, ShareVisibility.Public);
        using var client = SharingTestData.Anonymous(_app.BaseAddress);
        var shareUrl = Uri.EscapeDataString($"{PublicBase}s/{share.Token}");

        using var response = await client.GetAsync($"oembed?url={shareUrl}&format=json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json+oembed", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("1.0", json.GetProperty("version").GetString());
        Assert.Equal("rich", json.GetProperty("type").GetString());
        Assert.Equal(song.Title, json.GetProperty("title").GetString());
        Assert.Equal("MinimaxMusic", json.GetProperty("provider_name").GetString());
        Assert.True(json.GetProperty("width").GetInt32() > 0);
        Assert.True(json.GetProperty("height").GetInt32() > 0);
        var iframe = Assert.Single(new HtmlParser().ParseDocument(json.GetProperty("html").GetString()!).Body!.Children);
        Assert.Equal("IFRAME", iframe.TagName);
        Assert.Equal($"{PublicBase}s/{share.Token}/embed", iframe.GetAttribute("src"));

        // The embedded player is a plain page with the song's audio.
        var embed = await ParseAsync(client, $"s/{share.Token}/embed");
        Assert.Equal($"s/{share.Token}/audio", embed.QuerySelector("audio[controls]")?.GetAttribute("src")?.TrimStart('/'));
        Assert.Contains(song.Title, embed.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOEmbedEndpoint_Answers404ForUnknownOrRevokedLinks_And501ForXml()
    {
        var song = await SharingTestData.AddCompletedSongAsync(_app.Services, DateTime.UtcNow);
        var share = await SharingTestData.ShareAsync(_app.Services, song.Id, ShareVisibility.Public);
        using var client = SharingTestData.Anonymous(_app.BaseAddress);
        string Url(string token) => Uri.EscapeDataString($"{PublicBase}s/{token}");

        using (var xml = await client.GetAsync($"oembed?url={Url(share.Token)}&format=xml", Ct))
        {
            Assert.Equal(HttpStatusCode.NotImplemented, xml.StatusCode);
        }

        using (var unknown = await client.GetAsync($"oembed?url={Url(ShareTokens.Create())}&format=json", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var notAShare = await client.GetAsync($"oembed?url={Uri.EscapeDataString($"{PublicBase}tracks/{song.Id}")}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notAShare.StatusCode);
        }

        await _app.Services.AsAdmin<ShareService>().RevokeAsync(share.Id, Ct);
        using var revoked = await client.GetAsync($"oembed?url={Url(share.Token)}&format=json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
    }

    private static async Task<IDocument> ParseAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {html}");
        return await new HtmlParser().ParseDocumentAsync(html, Ct);
    }

    private static string Meta(IDocument document, string property) =>
        document.QuerySelector($"head meta[property='{property}'], head meta[name='{property}']")?.GetAttribute("content")
        ?? throw new Xunit.Sdk.XunitException($"No <meta> {property} in the head:\n{document.Head?.InnerHtml}");
}
