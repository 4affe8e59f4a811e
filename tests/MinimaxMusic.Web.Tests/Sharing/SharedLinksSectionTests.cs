using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Features.Tracks;
using MinimaxMusic.Web.Tests.Infrastructure;
using MudBlazor;

namespace MinimaxMusic.Web.Tests.Sharing;

/// <summary>The track page's "Shared links" over the real ShareService and a real SQLite file.</summary>
public sealed class SharedLinksSectionTests : AppServicesContext
{
    [Fact]
    public async Task AnotherMember_CanMakeATeamLink_ButThePublicChoiceIsOffAndSaysWhy()
    {
        await using (var db = await Database.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            db.Users.Add(new MinimaxMusic.Web.Features.Accounts.AppUser { Id = "maker-id", UserName = "maker@example.test" });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var song = await SharingTestData.AddCompletedSongAsync(Services, DateTime.UtcNow.AddHours(-1), ownerId: "maker-id");

        Authorization.SetAuthorized("other@example.test").SetRoles(MinimaxMusic.Web.Features.Accounts.AccountRoles.Member)
            .SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "other-id"));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<TrackPage>(p => p.Add(x => x.Id, song.Id));
        page.WaitForAssertion(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Copy share link").Click());

        dialogs.WaitForAssertion(() => Assert.Equal(
            ShareService.PublicSharingRefused, dialogs.Find(".share-public-refused").TextContent.Trim()));
        var radios = dialogs.FindAll(".share-visibility input[type=radio]");
        Assert.Equal(2, radios.Count);
        Assert.Null(radios[0].GetAttribute("disabled"));
        Assert.NotNull(radios[1].GetAttribute("disabled"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Create link").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("/s/", dialogs.Find(".share-url input").GetAttribute("value"), StringComparison.Ordinal));
        var links = await Services.GetRequiredService<ShareService>().ListAsync(song.Id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(ShareVisibility.Team, Assert.Single(links).Visibility);
    }

    [Fact]
    public async Task TheTrackPage_ListsTheSongsLinks_AndRevokeAsksFirstThenStopsTheLink()
    {
        // The song has no owner (made before accounts): only an admin may share it publicly.
        SignIn(AdminEmail, MinimaxMusic.Web.Features.Accounts.AccountRoles.Admin);
        var song = await SharingTestData.AddCompletedSongAsync(Services, DateTime.UtcNow.AddHours(-1));
        var shares = Services.GetRequiredService<ShareService>();
        var open = (await shares.CreateOrReuseAsync(song.Id, new ShareOptions(ShareVisibility.Public, null, AllowDownload: true),
            Xunit.TestContext.Current.CancellationToken)).Share!;
        var teamOnly = (await shares.CreateOrReuseAsync(song.Id, new ShareOptions(ShareVisibility.Team, DateTime.UtcNow.AddDays(7), AllowDownload: false),
            Xunit.TestContext.Current.CancellationToken)).Share!;
        await shares.RevokeAsync(teamOnly.Id, Xunit.TestContext.Current.CancellationToken);
        var visitors = Services.GetRequiredService<SharedSongs>();
        await visitors.CountVisitAsync(open.Token, Xunit.TestContext.Current.CancellationToken);
        await visitors.CountVisitAsync(open.Token, Xunit.TestContext.Current.CancellationToken);

        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<TrackPage>(p => p.Add(x => x.Id, song.Id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.shared-link").Count));

        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Copy share link");
        var openRow = page.Find($"tr[data-share-id='{open.Id}']");
        Assert.Contains("Anyone with the link", openRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Allowed", openRow.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", openRow.QuerySelector(".shared-link-visits")!.TextContent.Trim());
        Assert.Equal("Active", openRow.QuerySelector(".shared-link-state")!.TextContent.Trim());
        var teamRow = page.Find($"tr[data-share-id='{teamOnly.Id}']");
        Assert.Contains("Signed-in members", teamRow.TextContent, StringComparison.Ordinal);
        Assert.Equal("Revoked", teamRow.QuerySelector(".shared-link-state")!.TextContent.Trim());
        Assert.DoesNotContain(teamRow.QuerySelectorAll("button"), b => b.TextContent.Trim() == "Revoke");

        // Cancel keeps the link.
        openRow.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        Assert.Equal(ShareOutcome.Active, (await visitors.ResolveAsync(open.Token, Xunit.TestContext.Current.CancellationToken)).Outcome);

        page.Find($"tr[data-share-id='{open.Id}']").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click());

        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find($"tr[data-share-id='{open.Id}'] .shared-link-state").TextContent.Trim()));
        Assert.Equal(ShareOutcome.Revoked, (await visitors.ResolveAsync(open.Token, Xunit.TestContext.Current.CancellationToken)).Outcome);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Share link revoked");
    }

    [Fact]
    public async Task AnUnfinishedSong_HasNoShareButtonAndNoLinksSection()
    {
        var song = await SharingTestData.AddCompletedSongAsync(Services, DateTime.UtcNow, GenerationStatus.Generating);

        var page = Render<TrackPage>(p => p.Add(x => x.Id, song.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".track-title")));

        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Copy share link");
        Assert.Empty(page.FindAll(".shared-links"));
    }
}
