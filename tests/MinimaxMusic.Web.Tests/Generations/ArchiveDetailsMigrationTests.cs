using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Tests.Generations;

public sealed class ArchiveDetailsMigrationTests
{
    private const string PreviousMigration = "20261125104203_SavedReferences";

    [Fact]
    public async Task Upgrade_MarksSongsArchivedBeforeAsArchived_AndSchedulesUnarchivedCompletedSongsForARetry()
    {
        var folder = Directory.CreateTempSubdirectory("minimaxmusic-migration-");
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>()
                .UseSqlite($"Data Source={Path.Combine(folder.FullName, "old.db")};Pooling=False").Options;
            await using var db = new AppDbContext(options);
            var ct = TestContext.Current.CancellationToken;
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration, cancellationToken: ct);
            await InsertAsync(db, "archived", "Completed", "https://cdn.example.com/a.wav", "a.wav");
            await InsertAsync(db, "unarchived", "Completed", "https://cdn.example.com/b.wav", null);
            await InsertAsync(db, "failed", "Failed", null, null);

            await db.Database.MigrateAsync(ct);

            var songs = await db.Generations.AsNoTracking().ToDictionaryAsync(g => g.Title, ct);
            var finished = new DateTime(2026, 11, 25, 10, 1, 0);
            Assert.Equal(finished, songs["archived"].ArchivedAtUtc);
            Assert.Null(songs["archived"].NextArchiveAtUtc);
            Assert.Null(songs["unarchived"].ArchivedAtUtc);
            Assert.Equal(finished, songs["unarchived"].NextArchiveAtUtc);
            Assert.Null(songs["failed"].ArchivedAtUtc);
            Assert.Null(songs["failed"].NextArchiveAtUtc);
            Assert.All(songs.Values, g => Assert.Equal(0, g.ArchiveAttempts));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Task<int> InsertAsync(AppDbContext db, string title, string status, string? audioUrl, string? archivedFileName) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Generations" ("Id", "Title", "Lyrics", "ReferenceAudioUrl", "Status", "CreatedAtUtc", "FinishedAtUtc",
                                       "PollCount", "TransientErrorCount", "AudioUrl", "ArchivedFileName")
            VALUES ({Guid.NewGuid().ToString().ToUpperInvariant()}, {title}, {title}, 'https://cdn.example.com/reference.mp3', {status},
                    '2026-11-25 10:00:00', '2026-11-25 10:01:00', 1, 0, {audioUrl}, {archivedFileName})
            """,
            TestContext.Current.CancellationToken);
}
