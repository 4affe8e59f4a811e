using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Upstream;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Components;

public sealed class CreatePageTests : MudBunitContext
{
    public CreatePageTests()
    {
        Services.AddLogging();
        Services.AddOptions<AimlApiOptions>();
        Services.AddOptions<PollingOptions>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<GenerationNotifier>();
        Services.AddSingleton<PollerSignal>();
        Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        // The vendor edge: these tests never submit, so any call is a test failure.
        Services.AddSingleton<IAimlApi>(new UnreachableUpstream());
        Services.AddScoped<GenerationService>();
    }

    [Fact]
    public void Counter_UpdatesAsTheWriterTypes()
    {
        var page = Render<CreatePage>();
        Assert.Equal("0 / 600", page.Find(".lyrics-counter").TextContent.Trim());

        page.Find("textarea").Input("Hello\nworld");

        page.WaitForAssertion(() => Assert.Equal("11 / 600", page.Find(".lyrics-counter").TextContent.Trim()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void Generate_IsDisabledForEmptyAndOverlongLyrics(int length)
    {
        var page = Render<CreatePage>();
        page.Find("input").Input("https://cdn.example.com/reference.mp3");
        page.Find("textarea").Input(new string('a', length));

        page.WaitForAssertion(() => Assert.True(GenerateButton(page).HasAttribute("disabled")));
    }

    [Fact]
    public void Generate_IsEnabledForValidLyricsAndReference()
    {
        var page = Render<CreatePage>();
        page.Find("textarea").Input(new string('a', 600));
        page.Find("input").Input("https://cdn.example.com/reference.mp3");

        page.WaitForAssertion(() => Assert.False(GenerateButton(page).HasAttribute("disabled")));
    }

    [Fact]
    public void Counter_TurnsToTheErrorColourPastTheLimit()
    {
        var page = Render<CreatePage>();
        page.Find("textarea").Input(new string('a', 601));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("601 / 600", page.Find(".lyrics-counter").TextContent.Trim());
            Assert.Contains("mud-error-text", page.Find(".lyrics-counter").ClassName, StringComparison.Ordinal);
        });
    }

    private static AngleSharp.Dom.IElement GenerateButton(IRenderedComponent<CreatePage> page) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Generate");

    private sealed class UnreachableUpstream : IAimlApi
    {
        public Task<SubmitGenerationResponse> SubmitAsync(SubmitGenerationRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page must not submit in this test.");

        public Task<GenerationResponse> PollAsync(string generationId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page must not poll.");

        public Task<BillingResponse> GetBillingAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page must not read billing.");
    }
}
