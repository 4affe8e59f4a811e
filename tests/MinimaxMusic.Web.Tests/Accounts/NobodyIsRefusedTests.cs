using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.Sharing;

namespace MinimaxMusic.Web.Tests.Accounts;

/// <summary>
/// Deny by default: the services that act for a person, called with nobody signed in (no circuit, no request user),
/// refuse with a clear answer and change nothing. The app's real services (its own feature methods) over a real,
/// migrated SQLite file; the vendor fails any call.
/// </summary>
public sealed class NobodyIsRefusedTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("minimaxmusic-nobody-").FullName;
    private ServiceProvider _services = null!;
    private Generation _song = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = new ServiceCollection().AddAppWithoutHost(AppServices.Configuration(_dataDirectory))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var db = await Database.CreateDbContextAsync(Ct))
        {
            await db.Database.MigrateAsync(Ct);
        }

        _song = await SharingTestData.AddCompletedSongAsync(_services, DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task SubmittingASong_WithNobodySignedIn_IsRefused_AndNothingIsRecordedOrSent()
    {
        await using var nobody = _services.CreateAsyncScope();

        var result = await nobody.ServiceProvider.GetRequiredService<GenerationService>()
            .SubmitAsync("Nobody's song\nSung by no one", "https://cdn.example.com/reference.mp3", "nobody-key", Ct);

        Assert.False(result.Accepted);
        Assert.Equal([Person.Required], result.Errors);
        await using var db = await Database.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Generations.CountAsync(Ct));
    }

    [Fact]
    public async Task RenamingASong_WithNobodySignedIn_IsRefused()
    {
        await using var nobody = _services.CreateAsyncScope();

        var result = await nobody.ServiceProvider.GetRequiredService<HistoryService>().RenameAsync(_song.Id, "Taken over", Ct);

        Assert.Equal(new EditResult(EditOutcome.Forbidden, Person.Required), result);
        Assert.Equal(_song.Title, (await StoredAsync())!.Title);
    }

    [Fact]
    public async Task DeletingASong_WithNobodySignedIn_IsRefused()
    {
        await using var nobody = _services.CreateAsyncScope();

        var result = await nobody.ServiceProvider.GetRequiredService<HistoryService>().DeleteAsync(_song.Id, Ct);

        Assert.Equal(new EditResult(EditOutcome.Forbidden, Person.Required), result);
        Assert.NotNull(await StoredAsync());
    }

    [Fact]
    public async Task SharingASong_WithNobodySignedIn_IsRefused_AndNoLinkExists()
    {
        await using var nobody = _services.CreateAsyncScope();

        var result = await nobody.ServiceProvider.GetRequiredService<ShareService>()
            .CreateOrReuseAsync(_song.Id, new ShareOptions(ShareVisibility.Team, null, false), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(Person.Required, result.Error);
        await using var db = await Database.CreateDbContextAsync(Ct);
        Assert.False(await db.ShareLinks.AnyAsync(Ct));
    }

    [Fact]
    public async Task Reading_WithNobodySignedIn_ShowsNothing()
    {
        await using var nobody = _services.CreateAsyncScope();

        Assert.Null(await nobody.ServiceProvider.GetRequiredService<GenerationService>().GetAsync(_song.Id, Ct));
        Assert.Empty((await nobody.ServiceProvider.GetRequiredService<HistoryService>().QueryAsync(new HistoryQuery(), Ct)).Items);
        Assert.Empty(await nobody.ServiceProvider.GetRequiredService<ShareService>().ListAsync(_song.Id, Ct));
        Assert.Empty(await nobody.ServiceProvider.GetRequiredService<MemberService>().ListAsync(Ct));
    }

    private IDbContextFactory<AppDbContext> Database => _services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    private async Task<Generation?> StoredAsync()
    {
        await using var db = await Database.CreateDbContextAsync(Ct);
        return await db.Generations.AsNoTracking().FirstOrDefaultAsync(g => g.Id == _song.Id, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
