using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Tests.Security;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>
/// One reference, judged by the model it is for: the probe measures real files from a real local server with the real
/// ffprobe, and the cover model's rules (6 s to 6 min, FLAC and other formats) differ from the legacy model's.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReferenceRulesPerModelTests(AudioFixtures audio) : IClassFixture<AudioFixtures>
{
    private static readonly MusicModel Cover = ModelCatalog.Find(ModelCatalog.Cover)!;
    private static readonly MusicModel Legacy = ModelCatalog.Find(ModelCatalog.Legacy)!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFlacOf10Seconds_SuitsACover_ButNotTheLegacyModel()
    {
        await using var server = await LocalServer.StartAsync(MapFiles);
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);
        var probe = services.GetRequiredService<ReferenceProbe>();
        var url = server.Url("/ten.flac").AbsoluteUri;

        var forCover = await probe.CheckAsync(url, Cover, Token);
        var forLegacy = await probe.CheckAsync(url, Legacy, Token);

        Assert.True(forCover.IsUsable, forCover.Problem);
        Assert.Equal("FLAC", forCover.Format);
        Assert.InRange(forCover.Duration!.Value.TotalSeconds, 9.9, 10.1);
        Assert.False(forLegacy.IsUsable);
        Assert.Equal("the file is not MP3 or WAV audio (it is FLAC)", forLegacy.Problem);
    }

    [Fact]
    public async Task AnOggSentAsOctetStream_IsRecognisedByItsBytes_ForACover()
    {
        await using var server = await LocalServer.StartAsync(MapFiles);
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);

        var check = await services.GetRequiredService<ReferenceProbe>().CheckAsync(server.Url("/ten.ogg").AbsoluteUri, Cover, Token);

        Assert.True(check.IsUsable, check.Problem);
        Assert.Equal("OGG", check.Format);
    }

    [Theory]
    [InlineData(5, false, "the file is 5.0 s long; minimax/music-cover needs at least 6 s.")]
    [InlineData(6, true, null)]
    [InlineData(360, true, null)]
    [InlineData(361, false, "the file is 6:01 min long; minimax/music-cover takes at most 6 min.")]
    public async Task ACoverReference_MustBeSixSecondsToSixMinutes(int seconds, bool usable, string? problem)
    {
        var wav = AudioFixtures.SineWav(TimeSpan.FromSeconds(seconds));
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/clip.wav", () => Results.Bytes(wav, "audio/wav")));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);

        var check = await services.GetRequiredService<ReferenceProbe>().CheckAsync(server.Url("/clip.wav").AbsoluteUri, Cover, Token);

        Assert.Equal(usable, check.IsUsable);
        Assert.Equal(problem, check.Problem);
    }

    [Fact]
    public async Task TheSameUrl_IsJudgedAgainForAnotherModel_NotServedFromTheOtherModelsCache()
    {
        var wav = AudioFixtures.SineWav(TimeSpan.FromSeconds(10));
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/ten.wav", () => Results.Bytes(wav, "audio/wav")));
        await using var services = GuardedServices.Build(allowPrivateNetworkUrls: true);
        var probe = services.GetRequiredService<ReferenceProbe>();
        var url = server.Url("/ten.wav").AbsoluteUri;

        var legacy = await probe.CheckAsync(url, Legacy, Token);
        var cover = await probe.CheckAsync(url, Cover, Token);

        Assert.Equal("the file is 10.0 s long; the model needs more than 15 s", legacy.Problem);
        Assert.True(cover.IsUsable, cover.Problem);
    }

    private void MapFiles(IEndpointRouteBuilder app)
    {
        app.MapGet("/ten.flac", () => Results.Bytes(audio.FlacOf10Seconds, "audio/flac"));
        app.MapGet("/ten.ogg", () => Results.Bytes(audio.OggOf10Seconds, "application/octet-stream"));
    }
}
