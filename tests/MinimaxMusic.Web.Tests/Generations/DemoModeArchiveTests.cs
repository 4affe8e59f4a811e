using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

[Trait("Category", "Integration")]
public sealed class DemoModeArchiveTests
{
    [Fact]
    public async Task DemoMode_ArchivesTheSimulatedSong_EvenWithPrivateNetworkUrlsRefused()
    {
        // Only the in-app simulator's exact origin is trusted; the archive download goes through the same guard.
        var settings = TestApp.FastPolling();
        settings["Security:AllowPrivateNetworkUrls"] = "false";
        await using var app = new TestApp(settings);
        var reference = app.Services.GetRequiredService<DemoMode>().SampleReference!.ToString();

        var result = await app.CreateGenerationService().SubmitAsync("Lanterns on the river\nfloating slowly home", reference,
            TestContext.Current.CancellationToken);

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        var song = await app.WaitForAsync(result.GenerationId!.Value, g => g.IsSettled());
        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.True(song.IsArchived, song.LastArchiveError);
        Assert.NotNull(song.ArchivedSha256);
    }
}
