using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Generations;
using MudBlazor;

namespace MinimaxMusic.Web.Tests.History;

public sealed class HistoryPageTests : HistoryPageContext
{
    private string Url => Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public void Search_NarrowsTheListToTitlesAndLyricsThatMatch_AndKeepsTheTermInTheUrl()
    {
        Seed("Morning light");
        Seed("Evening tide", lyrics: "Evening tide\nthe light goes down");
        Seed("Rain on the roof");
        var (page, _) = Open();
        Assert.Equal("3 songs", page.Find(".history-count").TextContent.Trim());

        page.Find(".history-search input").Input("light");

        page.WaitForAssertion(() => Assert.Equal(["Evening tide", "Morning light"], Titles(page)), TimeSpan.FromSeconds(5));
        Assert.Equal("2 songs", page.Find(".history-count").TextContent.Trim());
        Assert.EndsWith("/history?q=light", Url, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusFilter_FromTheUrl_ShowsOnlySongsWithThatStatus()
    {
        Seed("Done one");
        Seed("Broken one", GenerationStatus.Failed);
        Seed("Slow one", GenerationStatus.TimedOut);

        var (page, _) = Open("history?status=Failed");

        Assert.Equal(["Broken one"], Titles(page));
        Assert.Equal("1 song", page.Find(".history-count").TextContent.Trim());
    }

    [Fact]
    public async Task StatusFilter_ChosenInTheSelect_NarrowsTheListAndGoesIntoTheUrl()
    {
        Seed("Done one");
        Seed("Slow one", GenerationStatus.TimedOut);
        var (page, _) = Open();

        var select = page.FindComponent<MudSelect<GenerationStatus?>>();
        await page.InvokeAsync(select.Instance.OpenMenu);
        Popovers.WaitForAssertion(() => Assert.Equal(
            ["All", "Submitting", "Queued", "Generating", "Completed", "Failed", "Timed out"],
            Popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())));

        Popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Timed out").Click();

        page.WaitForAssertion(() => Assert.Equal(["Slow one"], Titles(page)));
        Assert.EndsWith("/history?status=TimedOut", Url, StringComparison.Ordinal);
    }

    [Fact]
    public void FavouritesOnly_ShowsOnlyMarkedSongs()
    {
        Seed("Plain");
        Seed("Loved", favourite: true);
        var (page, _) = Open();

        page.Find(".history-favourites input").Change(true);

        page.WaitForAssertion(() => Assert.Equal(["Loved"], Titles(page)));
        Assert.EndsWith("/history?favourites=true", Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Paging_TheSecondPageShowsTheOlderSongs_AndThePagerIsNamedPages()
    {
        for (var i = 1; i <= 23; i++)
        {
            Seed($"Song {i:00}");
        }

        var (page, _) = Open("history?page=2");

        Assert.Equal(["Song 03", "Song 02", "Song 01"], Titles(page));
        Assert.Equal("23 songs", page.Find(".history-count").TextContent.Trim());
        Assert.NotNull(page.Find("[aria-label='Pages']"));
    }

    [Fact]
    public void Paging_ChoosingPageTwo_PutsItInTheUrlAndShowsIt()
    {
        for (var i = 1; i <= 21; i++)
        {
            Seed($"Song {i:00}");
        }

        var (page, _) = Open();
        Assert.Equal(20, Titles(page).Count);

        page.Find("[aria-label='Pages'] button[aria-label='Page 2']").Click();

        page.WaitForAssertion(() => Assert.Equal(["Song 01"], Titles(page)));
        Assert.EndsWith("/history?page=2", Url, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePage_HasNoPager()
    {
        Seed("Only one");
        var (page, _) = Open();

        Assert.Empty(page.FindAll("[aria-label='Pages']"));
    }

    [Fact]
    public void NoSongsAtAll_SaysSoAndPointsToCreate()
    {
        var (page, _) = Open();

        Assert.Contains("No songs yet", page.Find(".history-empty").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Clear filters");
    }

    [Fact]
    public void NothingMatches_SaysSo_AndClearFiltersShowsEverythingAgain()
    {
        Seed("Morning light");
        var (page, _) = Open("history?q=nothing-like-this&favourites=true");
        Assert.Contains("No songs match", page.Find(".history-empty").TextContent, StringComparison.Ordinal);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Clear filters").Click();

        page.WaitForAssertion(() => Assert.Equal(["Morning light"], Titles(page)));
        Assert.EndsWith("/history", Url, StringComparison.Ordinal);
        Assert.Equal(string.Empty, page.Find(".history-search input").GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public void EachSong_LinksToItsTrackPage_GenerateAgain_AndDownloadWhenCompleted()
    {
        var done = Seed("Done");
        var failed = Seed("Broken", GenerationStatus.Failed);
        var (page, _) = Open();

        Assert.Equal($"tracks/{done.Id}", Card(page, done.Id).QuerySelector(".song-title a")!.GetAttribute("href"));
        Assert.Equal($"./?from={done.Id}", Link(Card(page, done.Id), "Generate again").GetAttribute("href"));
        Assert.Equal($"media/{done.Id}?download=true", Link(Card(page, done.Id), "Download").GetAttribute("href"));
        Assert.DoesNotContain(Card(page, failed.Id).QuerySelectorAll("a"), a => a.TextContent.Trim() == "Download");
    }

    [Fact]
    public void Rename_WithAnEmptyTitle_ShowsTheErrorUnderTheField_AndKeepsTheEditOpen()
    {
        var song = Seed("Morning light");
        var (page, _) = Open();

        Button(Card(page, song.Id), "Rename").Click();
        Assert.Equal("Morning light", page.Find(".song-rename input").GetAttribute("value"));
        page.Find(".song-rename input").Input("   ");
        page.Find("form.song-rename").Submit();

        page.WaitForAssertion(() => Assert.Contains("A title cannot be empty.", page.Find(".song-rename").TextContent, StringComparison.Ordinal));
        Assert.Equal("   ", page.Find(".song-rename input").GetAttribute("value"));
        Assert.Equal("Morning light", Stored(song.Id)!.Title);
    }

    [Fact]
    public void Rename_WithAValidTitle_SavesItAndShowsTheNewTitle()
    {
        var song = Seed("Morning light");
        var (page, _) = Open();

        Button(Card(page, song.Id), "Rename").Click();
        page.Find(".song-rename input").Input("  Dawn chorus ");
        page.Find("form.song-rename").Submit();

        page.WaitForAssertion(() => Assert.Equal(["Dawn chorus"], Titles(page)));
        Assert.Empty(page.FindAll(".song-rename"));
        Assert.Equal("Dawn chorus", Stored(song.Id)!.Title);
    }

    [Fact]
    public void Rename_CountsTheTitleAsPeopleSeeIt()
    {
        var song = Seed("Morning light");
        var (page, _) = Open();

        Button(Card(page, song.Id), "Rename").Click();
        page.Find(".song-rename input").Input("🇫🇷 Été 🎵");

        // 7 characters on screen; 11 UTF-16 units, which is what a plain length would say.
        page.WaitForAssertion(() => Assert.Contains("7 / 120", page.Find(".song-rename").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Rename_Cancel_ClosesTheEditAndChangesNothing()
    {
        var song = Seed("Morning light");
        var (page, _) = Open();

        Button(Card(page, song.Id), "Rename").Click();
        page.Find(".song-rename input").Input("Something else");
        Button(page.Find(".song-rename"), "Cancel").Click();

        Assert.Empty(page.FindAll(".song-rename"));
        Assert.Equal(["Morning light"], Titles(page));
        Assert.Equal("Morning light", Stored(song.Id)!.Title);
    }

    [Fact]
    public async Task ALiveUpdate_ReloadsTheList_WithoutLosingAnOpenRename()
    {
        var editing = Seed("Morning light");
        var other = Seed("Evening tide");
        var (page, _) = Open();
        Button(Card(page, editing.Id), "Rename").Click();
        page.Find(".song-rename input").Input("Half typed");

        // Someone else renames another song: the notifier tells this page.
        await History.RenameAsync(other.Id, "Evening tide (final)", Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Contains("Evening tide (final)", Titles(page)));
        Assert.Equal("Half typed", Card(page, editing.Id).QuerySelector(".song-rename input")!.GetAttribute("value"));
    }

    [Fact]
    public void Favourite_TogglesAriaPressedAndItsName_AndIsStored()
    {
        var song = Seed("Morning light");
        var (page, _) = Open();

        Button(Card(page, song.Id), "Add to favourites").Click();

        page.WaitForAssertion(() => Assert.Equal("true", Button(Card(page, song.Id), "Remove from favourites").GetAttribute("aria-pressed")));
        Assert.True(Stored(song.Id)!.IsFavourite);

        Button(Card(page, song.Id), "Remove from favourites").Click();

        page.WaitForAssertion(() => Assert.Equal("false", Button(Card(page, song.Id), "Add to favourites").GetAttribute("aria-pressed")));
        Assert.False(Stored(song.Id)!.IsFavourite);
    }

    [Fact]
    public void Delete_AsksFirst_AndCancelKeepsTheSong()
    {
        var song = Seed("Morning light");
        var (page, dialogs) = Open();

        Button(Card(page, song.Id), "Delete").Click();

        dialogs.WaitForAssertion(() => Assert.Contains(
            "Delete “Morning light”? The song and its audio file are removed for everyone. This cannot be undone.",
            dialogs.Find(".delete-song-question").TextContent, StringComparison.Ordinal));
        Assert.NotNull(Stored(song.Id));

        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".delete-song-question")));
        Assert.NotNull(Stored(song.Id));
        Assert.Equal(["Morning light"], Titles(page));
    }

    [Fact]
    public void Delete_Confirmed_RemovesTheSongAndSaysSo()
    {
        var song = Seed("Morning light");
        var kept = Seed("Evening tide");
        var (page, dialogs) = Open();

        Button(Card(page, song.Id), "Delete").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());

        page.WaitForAssertion(() => Assert.Equal(["Evening tide"], Titles(page)));
        Assert.Null(Stored(song.Id));
        Assert.NotNull(Stored(kept.Id));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Deleted “Morning light”.");
    }

    private static AngleSharp.Dom.IElement Link(AngleSharp.Dom.IElement scope, string name) =>
        scope.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == name);
}
