using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Sharing;

/// <summary>What share tests set up: a workspace past first-run setup, finished songs, and links.</summary>
internal static class SharingTestData
{
    // The same account the shared browser helpers sign in with.
    public const string AdminEmail = TeamAccount.AdminEmail;
    public const string AdminPassword = TeamAccount.AdminPassword;

    public const string Lyrics = "Paper boats on the harbour\nSailing out with the tide\n\nWe wave them off at sunset\nAnd keep the light inside";

    /// <summary>Creates the first admin, so requests are no longer sent to /setup (share links are for a set-up workspace).</summary>
    public static async Task CreateAdminAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AccountRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Assert.True((await roles.CreateAsync(new IdentityRole(role))).Succeeded);
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = new AppUser { UserName = AdminEmail, Email = AdminEmail, EmailConfirmed = true };
        var created = await users.CreateAsync(admin, AdminPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(admin, AccountRoles.Admin)).Succeeded);
    }

    /// <summary>A finished song written straight to the database (no audio file): enough for pages and link rules.</summary>
    public static async Task<Generation> AddCompletedSongAsync(
        IServiceProvider services, DateTime createdAtUtc, GenerationStatus status = GenerationStatus.Completed, string? ownerId = null)
    {
        var id = Guid.NewGuid();
        var finished = createdAtUtc.AddSeconds(40);
        int? archivedSize = null;
        if (status == GenerationStatus.Completed)
        {
            // A real archived file, so the share's audio URL has something to play.
            var audio = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.AudioDirectory;
            Directory.CreateDirectory(audio);
            var bytes = MinimaxMusic.Web.Tests.References.AudioFixtures.SineWav(TimeSpan.FromSeconds(2));
            await File.WriteAllBytesAsync(Path.Combine(audio, $"{id:N}.wav"), bytes);
            archivedSize = bytes.Length;
        }

        var song = new SongBuilder
        {
            Id = id,
            Title = Generation.TitleFrom(Lyrics),
            Lyrics = Lyrics,
            Status = status,
            OwnerId = ownerId,
            CreatedAtUtc = createdAtUtc,
            FinishedAtUtc = finished,
            AudioContentType = "audio/wav",
            DurationSeconds = 21,
            ArchivedFileName = archivedSize is null ? null : $"{id:N}.wav",
            ArchivedSize = archivedSize,
            ArchivedAtUtc = archivedSize is null ? null : finished,
        }.Build();

        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.Generations.Add(song);
        await db.SaveChangesAsync();
        return song;
    }

    /// <summary>A link made by the team admin of a running app (who may share any song).</summary>
    public static async Task<ShareLink> ShareAsync(IServiceProvider services, Guid songId, ShareVisibility visibility,
        DateTime? expiresAtUtc = null, bool allowDownload = false)
    {
        await using var scope = services.ActAs();
        var result = await scope.ServiceProvider.GetRequiredService<ShareService>()
            .CreateOrReuseAsync(songId, new ShareOptions(visibility, expiresAtUtc, allowDownload));
        Assert.True(result.Succeeded, result.Error);
        return result.Share!;
    }

    public static async Task<ShareLink> ReloadAsync(IServiceProvider services, Guid shareId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.ShareLinks.AsNoTracking().SingleAsync(s => s.Id == shareId);
    }

#pragma warning disable CA2000 // The handler is owned by the HttpClient (disposeHandler: true); the caller disposes the client.
    public static HttpClient Anonymous(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
#pragma warning restore CA2000
}
