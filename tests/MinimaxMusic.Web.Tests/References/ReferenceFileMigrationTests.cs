using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>The upgrade that links songs to the hosted reference they were made with by a column instead of by URL.</summary>
public sealed class ReferenceFileMigrationTests
{
    private const string PreviousMigration = "20261125191608_WorkspaceSettings";

    [Theory]
    [InlineData("https://music.example.com/references/AbCdEfGhIjKlMnOpQrStUv.wav", "AbCdEfGhIjKlMnOpQrStUv.wav")]
    [InlineData("https://old.example.org/music/references/0123456789abcdefghij_-XY.mp3", "0123456789abcdefghij_-XY.mp3")]
    [InlineData("https://cdn.example.com/reference.mp3", null)]
    [InlineData("https://cdn.example.com/references/short.mp3", null)]
    [InlineData("https://cdn.example.com/references/AbCdEfGhIjKlMnOpQrStUv.ogg", null)]
    [InlineData("https://cdn.example.com/references/AbCdEfGhIjKlMnOpQrStUv.wav?download=1", null)]
    [InlineData("https://cdn.example.com/references/sub/AbCdEfGhIjKlMnOpQrStUv.wav", null)]
    [InlineData("https://cdn.example.com/references/AbCdEfGh.IjKlMnOpQrStUv.wav", null)]
    public async Task Upgrade_LinksASongToTheHostedFileItsReferenceUrlNamed(string referenceUrl, string? expectedFileName)
    {
        var folder = Directory.CreateTempSubdirectory("minimaxmusic-migration-");
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>()
                .UseSqlite($"Data Source={Path.Combine(folder.FullName, "old.db")};Pooling=False").Options;
            await using var db = new AppDbContext(options);
            var ct = TestContext.Current.CancellationToken;
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration, cancellationToken: ct);
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "Generations" ("Id", "Title", "Lyrics", "ReferenceAudioUrl", "Status", "CreatedAtUtc", "PollCount",
                                           "TransientErrorCount", "ArchiveAttempts", "IsFavourite")
                VALUES ({Guid.NewGuid().ToString().ToUpperInvariant()}, 'Old song', 'la la', {referenceUrl}, 'Completed',
                        '2026-11-25 10:00:00', 1, 0, 0, 0)
                """,
                ct);

            await db.Database.MigrateAsync(ct);

            var song = await db.Generations.AsNoTracking().SingleAsync(ct);
            Assert.Equal(expectedFileName, song.ReferenceFileName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
