using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>
/// bUnit with the app's real services, registered by the same feature methods Program.cs calls, over a real SQLite file
/// in a temp folder. Replaced: the vendor (pages under test must not call it, so any call fails the test), and — by a
/// test class — the clock. Background work is left out (bUnit has no host). A member is signed in, as on every page of
/// the app; a test signs in someone else or nobody.
/// </summary>
public abstract class AppServicesContext : MudBunitContext
{
    public const string MemberEmail = "writer@example.test";
    public const string AdminEmail = "admin@example.test";

    protected AppServicesContext()
    {
        Services.AddAppWithoutHost(AppServices.Configuration(DataDirectory));
        // bUnit's authorization double stands in for the sign-in cookie.
        Authorization = AddAuthorization();
        // bUnit refuses registrations once a service has been read (the migration below reads the database).
        ConfigureServices(Services);

        using (var db = Database.CreateDbContext())
        {
            db.Database.Migrate();
        }

        SignIn(MemberEmail, AccountRoles.Member);
    }

    /// <summary>
    /// Registrations a test class changes (a vendor double, a quota, the clock); the last registration wins. Runs inside
    /// the constructor: the derived class's field initializers have run, its constructor has not.
    /// </summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>bUnit's authorization double: who the page and the services see as signed in.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("minimaxmusic-bunit-").FullName;

    internal IDbContextFactory<AppDbContext> Database => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>
    /// Signs in <paramref name="email"/> with <paramref name="role"/> as Identity would (account id, name, role), adding the
    /// account when it is new. Returns the account's id.
    /// </summary>
    protected string SignIn(string email, string role = AccountRoles.Member)
    {
        string id;
        using (var db = Database.CreateDbContext())
        {
            var normalized = email.ToUpperInvariant();
            id = db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefault() ?? AddAccount(db, email);
        }

        Authorization.SetAuthorized(email).SetRoles(role).SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        return id;
    }

    /// <summary>Nobody signed in: what a service acting for a person must refuse.</summary>
    protected void SignOut() => Authorization.SetNotAuthorized();

    private static string AddAccount(AppDbContext db, string email)
    {
        var account = new AppUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
        };
        db.Users.Add(account);
        db.SaveChanges();
        return account.Id;
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
