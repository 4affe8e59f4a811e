using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Features.Downloads;
using MinimaxMusic.Web.Tests.Infrastructure;
using MudBlazor;

namespace MinimaxMusic.Web.Tests.Downloads;

/// <summary>The Download menu on a finished song, opened as a person would: what it offers and where each choice leads.</summary>
public sealed class DownloadMenuTests : DownloadMenuContext
{
    [Fact]
    public void ASavedSong_OffersTheOriginalMp3WavAndFlac_EachALinkThatDownloads()
    {
        var song = Song(archived: true);

        var options = Open(song);

        Assert.Equal(["Original (WAV)", "MP3", "WAV", "FLAC"], options.Select(o => o.QuerySelector(".download-format")!.TextContent.Trim()));
        Assert.Equal(
            new[] { "original", "mp3", "wav", "flac" }.Select(f => $"media/{song.Id}/download/{f}"),
            options.Select(o => o.GetAttribute("href")));
        Assert.All(options, o => Assert.Equal("a", o.LocalName));
        Assert.All(options, o => Assert.True(o.HasAttribute("download")));
        Assert.All(options, o => Assert.Equal("false", o.GetAttribute("aria-disabled")));
        Assert.Empty(Popovers.FindAll(".download-unavailable"));
    }

    [Fact]
    public void ASongNotSavedHereYet_OffersTheOriginal_AndSaysTheOthersComeOnceItIsSaved()
    {
        var song = Song(archived: false);

        var options = Open(song);

        Assert.Equal(["false", "true", "true", "true"], options.Select(o => o.GetAttribute("aria-disabled")));
        Assert.Equal("Original", options[0].QuerySelector(".download-format")!.TextContent.Trim());
        Assert.Contains("once it is saved", Popovers.Find(".download-unavailable").TextContent, StringComparison.Ordinal);
    }
}

/// <summary>The same menu on a server without ffmpeg (Media:FfmpegFolder is a folder without it).</summary>
public sealed class DownloadMenuWithoutFfmpegTests : DownloadMenuContext
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<MediaOptions>(o => o.FfmpegFolder = Directory.CreateDirectory(Path.Combine(DataDirectory, "no-ffmpeg")).FullName);

    [Fact]
    public void OnlyTheOriginal_IsOffered_AndTheMenuSaysWhy()
    {
        var song = Song(archived: true);

        var options = Open(song);

        Assert.Equal([$"media/{song.Id}/download/original"], options.Select(o => o.GetAttribute("href")));
        Assert.Equal("MP3/WAV/FLAC need ffmpeg on the server", Popovers.Find(".download-unavailable").TextContent.Trim());
    }
}

/// <summary>Renders the menu beside the popover provider the layout has, and opens it.</summary>
public abstract class DownloadMenuContext : AppServicesContext
{
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = null!;

    protected IReadOnlyList<IElement> Open(Generation song)
    {
        Popovers = Render<MudPopoverProvider>();
        var menu = Render<DownloadMenu>(p => p.Add(c => c.Song, song));
        menu.Find("button").Click();
        return Popovers.WaitForElements(".download-option");
    }

    protected static Generation Song(bool archived) => new SongBuilder
    {
        Title = "Night drive",
        Status = GenerationStatus.Completed,
        AudioUrl = "https://cdn.example.com/output.wav",
        AudioContentType = "audio/wav",
        ArchivedFileName = archived ? $"{Guid.NewGuid():N}.wav" : null,
        ArchivedAtUtc = archived ? new DateTime(2026, 11, 25, 9, 1, 3, DateTimeKind.Utc) : null,
    }.Build();
}
