using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.ApiTokens;

/// <summary>
/// bUnit over a real, migrated SQLite file in a temp folder, with one signed-in member and a fake clock: what
/// the profile page and <see cref="ApiTokenService"/> need, and nothing else.
/// </summary>
public abstract class ApiTokenContext : MudBunitContext
{
    protected const string Email = "member@example.test";

    protected ApiTokenContext()
    {
        Services.AddAppWithoutHost(AppServices.Configuration(DataDirectory)).ReplaceClock(Clock);
        Authorization = AddAuthorization();
        Authorization.SetAuthorized(Email);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId), new Claim(ClaimTypes.Email, Email));

        using var db = Database.CreateDbContext();
        db.Database.Migrate();
        db.Users.Add(new AppUser { Id = UserId, UserName = Email, NormalizedUserName = Email.ToUpperInvariant(), Email = Email, LockoutEnabled = true });
        db.SaveChanges();
    }

    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("minimaxmusic-tokens-").FullName;

    internal BunitAuthorizationContext Authorization { get; }

    internal FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    protected string UserId { get; } = Guid.NewGuid().ToString();

    internal IDbContextFactory<AppDbContext> Database => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    internal ApiTokenService Tokens => Services.GetRequiredService<ApiTokenService>();

    protected static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    protected string AddUser(string email)
    {
        var id = Guid.NewGuid().ToString();
        using var db = Database.CreateDbContext();
        db.Users.Add(new AppUser { Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email });
        db.SaveChanges();
        return id;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
