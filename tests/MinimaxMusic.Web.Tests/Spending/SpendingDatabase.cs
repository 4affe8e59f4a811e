using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;

namespace MinimaxMusic.Web.Tests.Spending;

/// <summary>
/// A real, migrated SQLite file in a temp folder with two accounts (<see cref="Member"/>, <see cref="Other"/>): what the
/// spending services' unit tests count songs in.
/// </summary>
internal sealed class SpendingDatabase : IDbContextFactory<AppDbContext>, IDisposable
{
    public const string Member = "member-id";
    public const string Other = "other-id";
    private readonly string _directory = Directory.CreateTempSubdirectory("minimaxmusic-spending-").FullName;
    private readonly DbContextOptions<AppDbContext> _options;

    public SpendingDatabase()
    {
        _options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory, "test.db")};Pooling=False").Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
        foreach (var id in new[] { Member, Other })
        {
            db.Users.Add(new AppUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant() });
        }

        db.SaveChanges();
    }

    public AppDbContext CreateDbContext() => new(_options);

    public void Add(Generation song)
    {
        using var db = CreateDbContext();
        db.Generations.Add(song);
        db.SaveChanges();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
