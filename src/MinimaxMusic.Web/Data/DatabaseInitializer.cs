using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Data;

internal static class DatabaseInitializer
{
    /// <summary>Creates the data directory, applies committed migrations and turns on WAL.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Directory.CreateDirectory(storage.FullDataDirectory);
        Directory.CreateDirectory(storage.AudioDirectory);

        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        // EF enables WAL only on files it creates; a file made elsewhere stays in rollback mode.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
