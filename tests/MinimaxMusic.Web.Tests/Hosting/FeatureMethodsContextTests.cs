using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.Tracks;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.Sharing;
using MudBlazor;

namespace MinimaxMusic.Web.Tests.Hosting;

/// <summary>
/// A bUnit context whose services come only from the app's feature methods (<see cref="AppServicesContext"/>) renders
/// the three pages people use most, with a real song in a real SQLite file.
/// </summary>
public sealed class FeatureMethodsContextTests : AppServicesContext
{
    [Fact]
    public void TheCreatePage_Renders()
    {
        var page = Render<CreatePage>();

        Assert.Equal("0 / 600", page.Find(".lyrics-counter").TextContent.Trim());
        Assert.NotNull(page.Find("textarea"));
    }

    [Fact]
    public async Task TheHistoryPage_RendersTheSong()
    {
        var song = await SharingTestData.AddCompletedSongAsync(Services, DateTime.UtcNow.AddMinutes(-5));
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo("history");

        var page = Render<HistoryPage>();

        page.WaitForAssertion(() => Assert.Equal(song.Title, page.Find($"[data-generation-id='{song.Id}'] .song-title").TextContent.Trim()),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TheTrackPage_RendersTheSong()
    {
        var song = await SharingTestData.AddCompletedSongAsync(Services, DateTime.UtcNow.AddMinutes(-5));
        Render<MudPopoverProvider>();

        var page = Render<TrackPage>(p => p.Add(c => c.Id, song.Id));

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find(".song-status").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.NotNull(page.Find("audio"));
    }
}
