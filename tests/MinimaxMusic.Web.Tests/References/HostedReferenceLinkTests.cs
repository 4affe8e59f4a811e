using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>A song made with a reference this app hosts is linked to the file by a column, on the real app and simulator.</summary>
[Trait("Category", "Integration")]
public sealed class HostedReferenceLinkTests(AudioFixtures audio) : IClassFixture<AudioFixtures>
{
    private const string Lyrics = "Paper boats on the harbour\nSailing out with the tide";

    [Fact]
    public async Task Submit_WithAnUploadedReference_LinksTheSongToTheUploadedFile()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: s => s["App:PublicBaseUrl"] = "https://music.example.com/");
        var uploads = env.App.Services.GetRequiredService<ReferenceUploads>();
        var upload = await uploads.SaveAsync(new MemoryStream(audio.WavOf20Seconds), "voice.wav", audio.WavOf20Seconds.Length, TestContext.Current.CancellationToken);
        Assert.True(upload.Succeeded, upload.Problem);

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, upload.Check!.Url, TestContext.Current.CancellationToken);

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        var song = await env.App.CreateGenerationService().GetAsync(result.GenerationId!.Value, TestContext.Current.CancellationToken);
        Assert.Equal(upload.Check.HostedFileName, song!.ReferenceFileName);
        Assert.Equal(uploads.HostedFileNameOf(upload.Check.Url), song.ReferenceFileName);
    }

    [Fact]
    public async Task Submit_WithSomeoneElsesUrl_LinksNoHostedFile()
    {
        await using var env = await SimulatedUpstream.StartAsync(configureApp: s => s["App:PublicBaseUrl"] = "https://music.example.com/");

        var result = await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken);

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        var song = await env.App.CreateGenerationService().GetAsync(result.GenerationId!.Value, TestContext.Current.CancellationToken);
        Assert.Null(song!.ReferenceFileName);
    }
}
