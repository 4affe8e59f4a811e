using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.History;

/// <summary>The history as the page and the API use it: the real service on a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class HistoryServiceTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private TestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new TestApp(TestApp.FastPolling());
        // 45 songs, one a day, newest last; every third completed, every fifth a favourite.
        await using var db = await Factory.CreateDbContextAsync();
        for (var i = 0; i < 45; i++)
        {
            db.Generations.Add(new SongBuilder
            {
                Id = Guid.NewGuid(),
                Title = i == 7 ? "Harbour lights" : $"Song {i:00}",
                Lyrics = i == 12 ? "We sail at dawn\nThe harbour sleeps" : i == 13 ? "100% sure_of it" : $"Verse {i}",
                ReferenceAudioUrl = "https://cdn.example.com/reference.mp3",
                Status = i % 3 == 0 ? GenerationStatus.Completed : GenerationStatus.Failed,
                IsFavourite = i % 5 == 0,
                CreatedAtUtc = Start.AddDays(i),
            }.Build());
        }

        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IDbContextFactory<AppDbContext> Factory => _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>The history acting as the team admin (these songs have no owner: only an admin may change them).</summary>
    private HistoryService History => _app.Services.AsAdmin<HistoryService>();

    [Fact]
    public async Task FirstPage_IsTheNewestTwenty_WithTheTotalAndPageCount()
    {
        var page = await History.QueryAsync(new HistoryQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(45, page.Total);
        Assert.Equal(3, page.PageCount);
        Assert.Equal(20, page.Items.Count);
        Assert.Equal("Song 44", page.Items[0].Title);
        Assert.Equal("Song 25", page.Items[^1].Title);
    }

    [Fact]
    public async Task LastPage_HoldsTheRemainder_AndAPageBeyondTheEndIsEmpty()
    {
        var last = await History.QueryAsync(new HistoryQuery(Page: 3), TestContext.Current.CancellationToken);
        var beyond = await History.QueryAsync(new HistoryQuery(Page: 9), TestContext.Current.CancellationToken);

        Assert.Equal(5, last.Items.Count);
        Assert.Equal("Song 00", last.Items[^1].Title);
        Assert.Empty(beyond.Items);
        Assert.Equal(45, beyond.Total);
    }

    [Theory]
    [InlineData("harbour", 2)] // the title of one song and the lyrics of another, any case
    [InlineData("HARBOUR LIGHTS", 1)]
    [InlineData("0%", 1)] // % is taken literally, not as "anything" (which would match every title with a 0)
    [InlineData("Son_", 0)] // so is _ (as "any character" it would match every "Song")
    [InlineData("  ", 45)] // blank means no search
    public async Task Search_LooksInTitlesAndLyrics(string search, int expected)
    {
        var page = await History.QueryAsync(new HistoryQuery(Search: search), TestContext.Current.CancellationToken);

        Assert.Equal(expected, page.Total);
    }

    [Fact]
    public async Task StatusAndFavourites_FilterTogether()
    {
        var ct = TestContext.Current.CancellationToken;
        var completed = await History.QueryAsync(new HistoryQuery(Status: GenerationStatus.Completed), ct);
        var completedFavourites = await History.QueryAsync(new HistoryQuery(Status: GenerationStatus.Completed, FavouritesOnly: true), ct);

        Assert.Equal(15, completed.Total);
        Assert.All(completed.Items, g => Assert.Equal(GenerationStatus.Completed, g.Status));
        Assert.Equal(3, completedFavourites.Total); // 0, 15, 30
    }

    [Theory]
    [InlineData("", "A title cannot be empty.")]
    [InlineData("   ", "A title cannot be empty.")]
    [InlineData("Two\nlines", "A title cannot contain line breaks or control characters.")]
    [InlineData("\u200B\u2066\u2069 \uFEFF", "A title cannot be empty.")]
    public async Task Rename_RefusesBadTitles_AndKeepsTheOldOne(string title, string message)
    {
        var ct = TestContext.Current.CancellationToken;
        var song = (await History.QueryAsync(new HistoryQuery(Search: "Harbour lights"), ct)).Items.Single();

        var result = await History.RenameAsync(song.Id, title, ct);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Equal(message, result.Error);
        Assert.Equal("Harbour lights", (await _app.CreateGenerationService().GetAsync(song.Id, ct))!.Title);
    }

    [Fact]
    public async Task Rename_TooLong_SaysTheLimitAndTheLength()
    {
        var song = (await History.QueryAsync(new HistoryQuery(), TestContext.Current.CancellationToken)).Items[0];

        var result = await History.RenameAsync(song.Id, new string('a', 121), TestContext.Current.CancellationToken);

        Assert.Equal("A title can be at most 120 characters; this one has 121.", result.Error);
    }

    [Fact]
    public async Task Rename_CountsCharactersAsPeopleSeeThem_AndKeepsWithinTheStoredColumn()
    {
        var ct = TestContext.Current.CancellationToken;
        var song = (await History.QueryAsync(new HistoryQuery(), ct)).Items[0];
        var flags = string.Concat(Enumerable.Repeat("🇫🇷", 50));           // 50 characters, 200 UTF-16 units
        var emoji = string.Concat(Enumerable.Repeat("🎵", 121));           // 121 characters, 242 units
        var accents = string.Concat(Enumerable.Repeat("e\u0301\u0302\u0303", 51)); // 51 characters, 204 units

        var flagsResult = await History.RenameAsync(song.Id, flags, ct);
        var emojiResult = await History.RenameAsync(song.Id, emoji, ct);
        var accentsResult = await History.RenameAsync(song.Id, accents, ct);

        Assert.Equal(EditOutcome.Done, flagsResult.Outcome);
        Assert.Equal(flags, (await _app.CreateGenerationService().GetAsync(song.Id, ct))!.Title);
        Assert.Equal("A title can be at most 120 characters; this one has 121.", emojiResult.Error);
        Assert.Equal("This title has 51 characters, but their accents and marks make it too long to store; shorten it.", accentsResult.Error);
    }

    [Fact]
    public async Task Rename_Trims_AndTheNewTitleIsSearchable()
    {
        var ct = TestContext.Current.CancellationToken;
        var song = (await History.QueryAsync(new HistoryQuery(), ct)).Items[0];

        var result = await History.RenameAsync(song.Id, "  Lighthouse keeper  ", ct);

        Assert.Equal(EditOutcome.Done, result.Outcome);
        var found = Assert.Single((await History.QueryAsync(new HistoryQuery(Search: "lighthouse"), ct)).Items);
        Assert.Equal("Lighthouse keeper", found.Title);
    }

    [Fact]
    public async Task Favourite_CanBeSetAndCleared()
    {
        var ct = TestContext.Current.CancellationToken;
        var song = (await History.QueryAsync(new HistoryQuery(Search: "Song 01"), ct)).Items.Single();

        await History.SetFavouriteAsync(song.Id, true, ct);
        Assert.True((await _app.CreateGenerationService().GetAsync(song.Id, ct))!.IsFavourite);
        Assert.Equal(10, (await History.QueryAsync(new HistoryQuery(FavouritesOnly: true), ct)).Total);

        await History.SetFavouriteAsync(song.Id, false, ct);
        Assert.False((await _app.CreateGenerationService().GetAsync(song.Id, ct))!.IsFavourite);
    }

    [Fact]
    public async Task EditsOfAMissingSong_AnswerNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        var missing = Guid.NewGuid();

        Assert.Equal(EditOutcome.NotFound, (await History.RenameAsync(missing, "New", ct)).Outcome);
        Assert.Equal(EditOutcome.NotFound, (await History.SetFavouriteAsync(missing, true, ct)).Outcome);
        Assert.Equal(EditOutcome.NotFound, (await History.DeleteAsync(missing, ct)).Outcome);
    }

    [Fact]
    public async Task Delete_RemovesTheRowAndItsArchivedFile()
    {
        var ct = TestContext.Current.CancellationToken;
        var song = (await History.QueryAsync(new HistoryQuery(Search: "Song 03"), ct)).Items.Single();
        var file = Path.Combine(_app.DataDirectory, "audio", $"{song.Id:N}.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, [1, 2, 3], ct);
        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            await db.Generations.Where(g => g.Id == song.Id).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.ArchivedFileName, Path.GetFileName(file))
                .SetProperty(g => g.ArchivedAtUtc, Start), ct);
        }

        var result = await History.DeleteAsync(song.Id, ct);

        Assert.Equal(EditOutcome.Done, result.Outcome);
        Assert.Null(await _app.CreateGenerationService().GetAsync(song.Id, ct));
        Assert.False(File.Exists(file));
        Assert.Equal(44, (await History.QueryAsync(new HistoryQuery(), ct)).Total);
    }
}
